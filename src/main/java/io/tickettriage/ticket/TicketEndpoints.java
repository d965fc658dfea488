package io.tickettriage.ticket;

import io.tickettriage.access.EndpointAccess;
import io.tickettriage.access.Role;

import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;

/**
 * Who may call this module's endpoints: requesters create tickets and read their own (the controller narrows
 * what they see); changing, deleting and the insights are for agents, which is the default.
 */
@Component
class TicketEndpoints implements EndpointAccess {

    @Override
    public void declare(Rules rules) {
        rules.allow(Role.REQUESTER, HttpMethod.POST, "/tickets")
                .allow(Role.REQUESTER, HttpMethod.GET, "/tickets", "/tickets/*");
    }
}
