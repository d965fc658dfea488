package io.tickettriage.connector;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * The connectors' counters, tagged with the connector's name, under {@code triage.connector.*} (Prometheus:
 * {@code triage_connector_*_total}).
 */
@Component
class ConnectorMetrics {

    private final MeterRegistry meters;

    ConnectorMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    /** A helpdesk ticket became a product ticket, by how it arrived: {@code webhook} or {@code poll}. */
    void received(String connector, String via) {
        count("triage.connector.tickets.received", "Helpdesk tickets taken in as product tickets", connector,
                "via", via);
    }

    /** Something learned from the helpdesk: {@code closed}, {@code moved}, {@code priority} or {@code reopened}. */
    void learned(String connector, String what) {
        count("triage.connector.learned", "Closes and agents' changes in the helpdesk learned from", connector,
                "what", what);
    }

    /** A write-back ended: {@code updated}, {@code noted}, {@code kept} (an agent's choice), {@code skipped}, ... */
    void writeBack(String connector, String outcome) {
        count("triage.connector.writebacks", "Decisions written back to the helpdesk, by outcome", connector,
                "outcome", outcome);
    }

    /** A failed call to the helpdesk, by where ({@code poll}, {@code writeback}, {@code import}) and kind. */
    void failure(String connector, String stage, String kind) {
        Counter.builder("triage.connector.failures").description("Failed calls to a helpdesk")
                .tag("connector", connector).tag("stage", stage).tag("kind", kind).register(meters).increment();
    }

    /** A webhook call refused for its signature. */
    void webhookRejected(String connector) {
        count("triage.connector.webhooks.rejected", "Webhook calls refused for a missing or wrong signature",
                connector, "reason", "signature");
    }

    /** An example imported from the helpdesk's history. */
    void imported(String connector, int count) {
        Counter.builder("triage.connector.imported").description("Closed helpdesk tickets imported as examples")
                .tag("connector", connector).register(meters).increment(count);
    }

    private void count(String name, String description, String connector, String tag, String value) {
        Counter.builder(name).description(description).tag("connector", connector).tag(tag, value).register(meters)
                .increment();
    }
}
