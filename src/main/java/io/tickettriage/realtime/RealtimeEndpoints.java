package io.tickettriage.realtime;

import io.tickettriage.access.EndpointAccess;
import io.tickettriage.access.Role;

import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;

/**
 * Who may call this module's endpoints. Socket.IO is open at the HTTP level because it identifies each connection
 * itself, when it joins the namespace: a token may come in the handshake's auth payload, which is not part of the
 * HTTP request (see {@link LiveAudience}).
 */
@Component
class RealtimeEndpoints implements EndpointAccess {

    @Override
    public void declare(Rules rules) {
        rules.open("/socket.io/", "/socket.io/**")
                .allow(Role.REQUESTER, HttpMethod.GET, "/events");
    }
}
