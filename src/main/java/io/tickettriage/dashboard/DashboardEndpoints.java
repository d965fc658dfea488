package io.tickettriage.dashboard;

import io.tickettriage.access.EndpointAccess;

import org.springframework.stereotype.Component;

/** The dashboard's pages and assets are open: they hold no data, and the page asks the API, which checks. */
@Component
class DashboardEndpoints implements EndpointAccess {

    @Override
    public void declare(Rules rules) {
        rules.open("/", "/index.html", "/assets/**", "/favicon.ico", "/favicon.svg", "/ticket/*", "/analytics",
                "/team-settings", "/admin/webhooks", "/admin/agents");
    }
}
