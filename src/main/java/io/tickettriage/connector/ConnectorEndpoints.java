package io.tickettriage.connector;

import io.tickettriage.access.EndpointAccess;

import org.springframework.stereotype.Component;

/**
 * Helpdesks call their webhook without a token of the product: each call proves itself by its signature, which the
 * connector checks. The shadow figures are for agents, as the other insights.
 */
@Component
class ConnectorEndpoints implements EndpointAccess {

    @Override
    public void declare(Rules rules) {
        rules.open("/connectors/*/webhook");
    }
}
