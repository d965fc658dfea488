package io.tickettriage.access;

import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;

/** Who may call this module's endpoints: {@link LoginController}, {@link TokenController}
 * and {@link SessionController}. */
@Component
class AccessEndpoints implements EndpointAccess {

    @Override
    public void declare(Rules rules) {
        rules.open("/login", "/auth/session", "/auth/logout")
                .allow(Role.REQUESTER, HttpMethod.GET, "/auth/me")
                .allow(Role.ADMIN, "/tokens", "/tokens/**", "/sessions", "/sessions/**");
    }
}
