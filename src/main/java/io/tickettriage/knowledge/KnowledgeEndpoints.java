package io.tickettriage.knowledge;

import io.tickettriage.access.EndpointAccess;
import io.tickettriage.access.Role;

import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;

/** Who may call this module's endpoints: writing the knowledge files is for admins. */
@Component
class KnowledgeEndpoints implements EndpointAccess {

    @Override
    public void declare(Rules rules) {
        rules.allow(Role.ADMIN, HttpMethod.POST, "/knowledge/**");
    }
}
