package io.tickettriage.triage;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * This process's routing model, under {@code routing} in {@code /actuator/health}: which model routes and on how many
 * examples, or why the last training failed. A failed training shows as {@code DEGRADED}, not {@code DOWN}: tickets
 * are still routed, by the previous model or the nearest examples' vote, and restarting would not help (the usual
 * cause is a heap too small for the history, which the detail says how to fix). Each process trains its own model
 * from the shared examples, so each reports its own.
 */
@Component("routingHealthIndicator")
class RoutingHealth implements HealthIndicator {

    static final Status DEGRADED = new Status("DEGRADED", "The routing model could not be trained; routing falls back");

    private final RoutingModels models;

    RoutingHealth(RoutingModels models) {
        this.models = models;
    }

    @Override
    public Health health() {
        RoutingModels.Failure failure = models.lastFailure();
        RoutingModels.Trained trained = models.current();
        Health.Builder health = failure != null ? Health.status(DEGRADED) : Health.up();
        if (trained != null) {
            health.withDetail("model", trained.version()).withDetail("examples", trained.examples());
        } else {
            health.withDetail("model", models.trains() ? "none yet: the nearest examples' vote routes"
                    : "none: this process does not train models");
        }
        if (failure != null) {
            health.withDetail("last_failure", failure.message()).withDetail("failed_at", failure.at().toString());
        }
        return health.build();
    }
}
