package io.tickettriage.webhook;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Subscriptions as rows; the secret column holds what {@link SecretBox} made of the secret. */
@Repository
class SubscriptionStore {

    private static final String COLUMNS = "id, url, events, description, internal_comments, active, paused_reason, "
            + "failing_since, created_at, updated_at";

    /** What the outbox needs to know of an active subscription to decide whether an event is for it. */
    record Listener(long id, String events, boolean internalComments) {
    }

    /** Where and how to send a delivery. */
    record Target(long id, String url, String secret, boolean active, boolean failing) {
    }

    private final JdbcClient jdbc;

    SubscriptionStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(String url, List<String> events, @Nullable String description, String storedSecret,
            boolean internalComments, Instant now) {
        return jdbc.sql("""
                INSERT INTO webhooks (url, events, description, secret, internal_comments, active, created_at, updated_at)
                VALUES (:url, :events, :description, :secret, :internal, :yes, :now, :now) RETURNING id""")
                .param("url", url)
                .param("events", EventNames.join(events))
                .param("description", description)
                .param("secret", storedSecret)
                .param("internal", internalComments)
                .param("yes", true)
                .param("now", now.toEpochMilli())
                .query(Long.class)
                .single();
    }

    Optional<Subscription> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM webhooks WHERE id = :id").param("id", id)
                .query(SubscriptionStore::subscription).optional();
    }

    List<Subscription> list() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM webhooks ORDER BY id").query(SubscriptionStore::subscription)
                .list();
    }

    /** Stores an admin's change; a subscription switched on again starts with a clean record of failures. */
    void update(Subscription changed, @Nullable String storedSecret, Instant now) {
        jdbc.sql("""
                UPDATE webhooks SET url = :url, events = :events, description = :description,
                                    internal_comments = :internal, active = :active, updated_at = :now
                WHERE id = :id""")
                .param("id", changed.id())
                .param("url", changed.url())
                .param("events", EventNames.join(changed.events()))
                .param("description", changed.description())
                .param("internal", changed.internalComments())
                .param("active", changed.active())
                .param("now", now.toEpochMilli())
                .update();
        if (changed.active()) {
            jdbc.sql("UPDATE webhooks SET paused_reason = NULL, failing_since = NULL WHERE id = :id")
                    .param("id", changed.id()).update();
            jdbc.sql("UPDATE webhook_deliveries SET due_at = :now WHERE webhook_id = :id AND state = 'pending' "
                            + "AND due_at IS NULL")
                    .param("id", changed.id()).param("now", now.toEpochMilli()).update();
        } else {
            park(changed.id());
        }
        if (storedSecret != null) {
            jdbc.sql("UPDATE webhooks SET secret = :secret WHERE id = :id")
                    .param("id", changed.id()).param("secret", storedSecret).update();
        }
    }

    boolean delete(long id) {
        return jdbc.sql("DELETE FROM webhooks WHERE id = :id").param("id", id).update() == 1;
    }

    List<Listener> activeListeners() {
        return jdbc.sql("SELECT id, events, internal_comments FROM webhooks WHERE active = :yes")
                .param("yes", true)
                .query((rs, row) -> new Listener(rs.getLong("id"), rs.getString("events"),
                        rs.getBoolean("internal_comments")))
                .list();
    }

    Optional<Target> target(long id) {
        return jdbc.sql("SELECT id, url, secret, active, failing_since FROM webhooks WHERE id = :id").param("id", id)
                .query((rs, row) -> new Target(rs.getLong("id"), rs.getString("url"), rs.getString("secret"),
                        rs.getBoolean("active"), rs.getObject("failing_since") != null))
                .optional();
    }

    void succeeded(long id) {
        jdbc.sql("UPDATE webhooks SET failing_since = NULL WHERE id = :id AND failing_since IS NOT NULL")
                .param("id", id).update();
    }

    /**
     * Records a failed attempt; pauses the subscription when its attempts have failed since {@code pauseFrom} or
     * earlier. True when this call paused it.
     */
    boolean failed(long id, Instant now, Instant pauseFrom, String reason) {
        jdbc.sql("UPDATE webhooks SET failing_since = :now WHERE id = :id AND failing_since IS NULL")
                .param("id", id).param("now", now.toEpochMilli()).update();
        boolean paused = jdbc.sql("""
                UPDATE webhooks SET active = :no, paused_reason = :reason, updated_at = :now
                WHERE id = :id AND active = :yes AND failing_since <= :pauseFrom""")
                .param("id", id)
                .param("no", false)
                .param("yes", true)
                .param("reason", reason)
                .param("now", now.toEpochMilli())
                .param("pauseFrom", pauseFrom.toEpochMilli())
                .update() == 1;
        if (paused) {
            park(id);
        }
        return paused;
    }

    /**
     * Takes a paused subscription's waiting deliveries out of the senders' sight (no due time) until it is switched
     * on again: a day of deliveries piled up for a dead receiver would otherwise be read past on every look for work.
     */
    private void park(long id) {
        jdbc.sql("UPDATE webhook_deliveries SET due_at = NULL WHERE webhook_id = :id AND state = 'pending'")
                .param("id", id).update();
    }

    private static Subscription subscription(ResultSet rs, int row) throws SQLException {
        long failingSince = rs.getLong("failing_since");
        Instant failing = rs.wasNull() ? null : Instant.ofEpochMilli(failingSince);
        return new Subscription(rs.getLong("id"), rs.getString("url"), EventNames.split(rs.getString("events")),
                rs.getString("description"), rs.getBoolean("internal_comments"), rs.getBoolean("active"),
                rs.getString("paused_reason"), failing, Instant.ofEpochMilli(rs.getLong("created_at")),
                Instant.ofEpochMilli(rs.getLong("updated_at")));
    }
}
