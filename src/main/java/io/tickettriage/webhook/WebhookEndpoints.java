package io.tickettriage.webhook;

import io.tickettriage.access.EndpointAccess;
import io.tickettriage.access.Role;

import org.springframework.stereotype.Component;

/** Who may call this module's endpoints: subscribing URLs to the product's events is for admins. */
@Component
class WebhookEndpoints implements EndpointAccess {

    @Override
    public void declare(Rules rules) {
        rules.allow(Role.ADMIN, "/webhooks", "/webhooks/**");
    }
}
