package io.tickettriage.assignment;

import io.tickettriage.access.EndpointAccess;
import io.tickettriage.access.Role;

import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;

/**
 * Who may call this module's endpoints: profiles, policies and targets are set (and profiles removed) by admins; agents read them and set
 * their own availability (the controller checks whose), which is the default.
 */
@Component
class AssignmentEndpoints implements EndpointAccess {

    @Override
    public void declare(Rules rules) {
        rules.allow(Role.ADMIN, HttpMethod.PUT, "/agents/*", "/teams/*/policy", "/teams/*/hours", "/sla")
                .allow(Role.ADMIN, HttpMethod.DELETE, "/agents/*", "/teams/*/hours");
    }
}
