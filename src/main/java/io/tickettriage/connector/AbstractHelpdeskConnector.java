package io.tickettriage.connector;

import java.time.Duration;

/**
 * What every configured connector answers alike, from its {@link ConnectorSetup}: its name, mode, poll interval and
 * location (the checked URL, which holds no credentials), and the secret its webhook calls are checked with. A
 * helpdesk's connector extends this and implements the helpdesk's API.
 */
public abstract class AbstractHelpdeskConnector implements HelpdeskConnector {

    private final ConnectorSetup setup;

    protected AbstractHelpdeskConnector(ConnectorSetup setup) {
        this.setup = setup;
    }

    @Override
    public final String name() {
        return setup.name();
    }

    @Override
    public final ConnectorMode mode() {
        return setup.mode();
    }

    @Override
    public final Duration pollInterval() {
        return setup.pollInterval();
    }

    @Override
    public final String location() {
        return setup.url().toString();
    }

    @Override
    public final boolean receivesWebhooks() {
        return setup.webhookSecret() != null;
    }

    protected final ConnectorSetup setup() {
        return setup;
    }
}
