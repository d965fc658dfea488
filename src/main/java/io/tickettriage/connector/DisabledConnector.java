package io.tickettriage.connector;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.tickettriage.ticket.Priority;

import org.jspecify.annotations.Nullable;

/** A connector that is off (its URL is not set); see {@link HelpdeskConnector#disabled}. */
final class DisabledConnector implements HelpdeskConnector {

    private final String name;
    private final String reason;

    DisabledConnector(String name, String reason) {
        this.name = name;
        this.reason = reason;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ConnectorMode mode() {
        return ConnectorMode.SHADOW;
    }

    @Override
    public Duration pollInterval() {
        return Duration.ZERO;
    }

    @Override
    public boolean enabled() {
        return false;
    }

    /** Why it is off. */
    String reason() {
        return reason;
    }

    @Override
    public String location() {
        return "(not configured)";
    }

    @Override
    public List<HelpdeskTicket> closedTickets(int page) throws HelpdeskException {
        throw off();
    }

    @Override
    public String initialCursor(Instant now) {
        return "";
    }

    @Override
    public Changes changes(String cursor) {
        return new Changes(List.of(), cursor, false);
    }

    @Override
    public HelpdeskTicket ticket(String externalId) throws HelpdeskException {
        throw off();
    }

    @Override
    public void update(String externalId, @Nullable String group, @Nullable String priority) throws HelpdeskException {
        throw off();
    }

    @Override
    public void addInternalNote(String externalId, String text) throws HelpdeskException {
        throw off();
    }

    @Override
    public Optional<Priority> priority(@Nullable String helpdeskPriority) {
        return Optional.empty();
    }

    @Override
    public String priorityName(Priority priority) {
        return priority.label();
    }

    @Override
    public String link(String externalId) {
        return name + " ticket " + externalId;
    }

    private HelpdeskException off() {
        return HelpdeskException.permanent("The " + name + " connector is off: " + reason);
    }
}
