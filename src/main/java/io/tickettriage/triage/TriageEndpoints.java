package io.tickettriage.triage;

import io.tickettriage.access.EndpointAccess;
import io.tickettriage.access.Role;

import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;

/**
 * Who may call this module's endpoints: team names label the dashboard's board for requesters too; adding teams
 * is for admins; {@code /triage} and explanations show the engine's inner workings, for agents (the default).
 */
@Component
class TriageEndpoints implements EndpointAccess {

    @Override
    public void declare(Rules rules) {
        rules.allow(Role.REQUESTER, HttpMethod.GET, "/teams")
                .allow(Role.ADMIN, HttpMethod.POST, "/teams");
    }
}
