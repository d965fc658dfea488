package io.tickettriage.connector;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.tickettriage.ticket.Priority;

import org.jspecify.annotations.Nullable;

/**
 * One helpdesk, seen through its REST API: the only part of a connector that differs from one helpdesk to the next.
 * The connector module does the rest for every connector alike: the history import ({@code import --<name> URL}),
 * polling with a cursor in the database and a lease (one process polls), the webhook endpoint
 * {@code POST /connectors/<name>/webhook}, the product ticket on channel {@code <name>} created with its mapping row,
 * the write-back as a durable job in the connector's mode, never overwriting an agent's group or priority, learning
 * from closes and moves, health ({@code components.connectors}) and metrics ({@code triage.connector.*}).
 *
 * <h2>Adding a connector</h2>
 * <ol>
 * <li>A sub-package {@code io.tickettriage.connector.<name>} with a class implementing this interface over the
 *     helpdesk's REST API, extending {@link AbstractHelpdeskConnector} (name, mode, poll interval, webhook secret);
 *     {@link HelpdeskHttp} does the HTTP (time-outs, retries with backoff honouring {@code Retry-After}, transient or
 *     permanent failures, no credentials in messages).</li>
 * <li>A {@code @ConfigurationProperties("triage.<name>")} record implementing {@link HelpdeskSettings} (URL, webhook
 *     secret, mode, poll interval) with the helpdesk's own settings (credentials...), and a configuration class with
 *     one {@code @Bean HelpdeskConnector}: the real one, its settings checked by {@link ConnectorSetup#check}, when
 *     the URL is set, else {@link #disabled(String, String)}, so nothing else asks whether the connector is on.</li>
 * <li>A fake server of the helpdesk in test scope, built from its published API documentation, a test configuration
 *     that makes it a bean of the test's context and the connector's URL ({@code FakeZammadEndpoint}), and tests;
 *     the integration tests extend {@code HelpdeskFixture}.</li>
 * <li>A page {@code docs/connectors/<name>.md}, listed in {@code docs/connectors/README.md}, and the import flag in
 *     the {@code cli} module's {@code import} command.</li>
 * </ol>
 * No table is needed: {@code connector_tickets}, {@code connector_cursors} and {@code connector_leases} hold every
 * connector's rows, by its {@link #name()}.
 *
 * <p>Groups are the product's teams by name (the import makes the helpdesk's groups the teams); priorities are the
 * helpdesk's names, translated by {@link #priority(String)} and {@link #priorityName(Priority)}.
 */
public interface HelpdeskConnector {

    /** Lower-case name: the channel of its tickets, its settings group, its URL path ({@code zammad}). */
    String name();

    ConnectorMode mode();

    /** How often the helpdesk is polled for new and changed tickets. */
    Duration pollInterval();

    /** False for the {@link #disabled} stand-in of a connector that is not configured. */
    default boolean enabled() {
        return true;
    }

    /** Where the connector's helpdesk is, for health and logs: never with credentials. */
    String location();

    /** Whether its webhook can be called: only with a secret to check the calls' signatures by. */
    default boolean receivesWebhooks() {
        return false;
    }

    /**
     * One page (1 for the first) of closed tickets for the history import, in a stable order; empty after the last
     * page. Their descriptions may be null: the import reads them through {@link #withDescription} for new ones only.
     */
    List<HelpdeskTicket> closedTickets(int page) throws HelpdeskException;

    /** Where polling starts the first time: tickets changed before {@code now} are left to the history import. */
    String initialCursor(Instant now);

    /**
     * Tickets created or changed at or after {@code cursor}, oldest change first, one batch, with the cursor that
     * follows it. Seeing a ticket again is harmless (the intake compares it with what it knew), missing one is not:
     * the cursor must only move past tickets in the batch.
     */
    Changes changes(String cursor) throws HelpdeskException;

    /** A batch of changed tickets and where the next one starts; {@code more} when it may follow at once. */
    record Changes(List<HelpdeskTicket> tickets, String cursor, boolean more) {
    }

    /** The ticket as the helpdesk has it now, read before a write-back so that an agent's choice is kept. */
    HelpdeskTicket ticket(String externalId) throws HelpdeskException;

    /** The ticket with its description read, for a helpdesk that lists tickets without it. */
    default HelpdeskTicket withDescription(HelpdeskTicket ticket) throws HelpdeskException {
        return ticket;
    }

    /** Sets the group and/or the priority (helpdesk names); null leaves that field as it is. */
    void update(String externalId, @Nullable String group, @Nullable String priority) throws HelpdeskException;

    /** Adds a note that only agents see. */
    void addInternalNote(String externalId, String text) throws HelpdeskException;

    /**
     * Reads a webhook call to {@code POST /connectors/<name>/webhook}: checks that it comes from the helpdesk and
     * returns the ticket it is about. Headers are keyed in lower case.
     *
     * @throws WebhookRejected when its signature is missing or wrong: answered 401, nothing changes
     * @throws HelpdeskException when the call is genuine but its ticket cannot be read from it or the helpdesk
     */
    default HelpdeskTicket fromWebhook(Map<String, String> headers, byte[] body)
            throws WebhookRejected, HelpdeskException {
        throw new WebhookRejected(name() + " has no webhook; it is polled");
    }

    /** The product's priority for a helpdesk priority name; empty when it has no counterpart. */
    Optional<Priority> priority(@Nullable String helpdeskPriority);

    /** The helpdesk's priority name for a product priority. */
    String priorityName(Priority priority);

    /** The address of a ticket in the helpdesk's own user interface, for notes and logs. */
    String link(String externalId);

    /**
     * The stand-in for a connector that is not configured: it polls nothing, refuses webhooks (404) and fails every
     * call with {@code reason}.
     */
    static HelpdeskConnector disabled(String name, String reason) {
        return new DisabledConnector(name, reason);
    }
}
