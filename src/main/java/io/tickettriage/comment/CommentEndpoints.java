package io.tickettriage.comment;

import io.tickettriage.access.EndpointAccess;
import io.tickettriage.access.Role;

import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;

/** Who may call this module's endpoints: requesters comment on their own tickets (the module checks whose). */
@Component
class CommentEndpoints implements EndpointAccess {

    @Override
    public void declare(Rules rules) {
        rules.allow(Role.REQUESTER, HttpMethod.GET, "/tickets/*/comments")
                .allow(Role.REQUESTER, HttpMethod.POST, "/tickets/*/comments");
    }
}
