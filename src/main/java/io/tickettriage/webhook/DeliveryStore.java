package io.tickettriage.webhook;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The webhook outbox. A delivery is taken by one sender at a time: {@code claim} moves its {@code due_at} to the end
 * of the sender's lease in one conditional update, which only one process can win; should the sender die, the lease
 * runs out and the delivery is due again (at least once).
 */
@Repository
class DeliveryStore {

    private static final String COLUMNS = "delivery_id, webhook_id, event, state, attempts, last_status, last_error, "
            + "due_at, delivered_at, occurred_at, created_at, redelivery_of";

    /** A delivery due for an attempt. */
    record Due(long id, long webhookId) {
    }

    /** A delivery a sender has taken, with what it sends. */
    record Claimed(long id, long webhookId, String deliveryId, String event, String payload, Instant occurredAt,
            Instant createdAt, int attempts) {
    }

    private final JdbcClient jdbc;

    DeliveryStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records a delivery; one whose id exists already is the same delivery, and is left as it is. */
    void insert(long webhookId, String deliveryId, String event, String payload, Instant occurredAt, Instant now,
            @Nullable String redeliveryOf) {
        jdbc.sql("""
                INSERT INTO webhook_deliveries (webhook_id, delivery_id, event, payload, occurred_at, created_at,
                                                state, attempts, due_at, redelivery_of)
                VALUES (:webhook, :delivery, :event, :payload, :occurred, :now, 'pending', 0, :now, :redeliveryOf)
                ON CONFLICT (delivery_id) DO NOTHING""")
                .param("webhook", webhookId)
                .param("delivery", deliveryId)
                .param("event", event)
                .param("payload", payload)
                .param("occurred", occurredAt.toEpochMilli())
                .param("now", now.toEpochMilli())
                .param("redeliveryOf", redeliveryOf)
                .update();
    }

    /** Deliveries of active subscriptions due by {@code now}, oldest first, leaving out the {@code busy} ones. */
    List<Due> due(Instant now, Collection<Long> busy, int limit) {
        List<Long> excluded = new ArrayList<>(busy);
        excluded.add(-1L); // an empty IN list is not valid SQL
        return jdbc.sql("""
                SELECT d.id, d.webhook_id FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id
                WHERE d.due_at <= :now AND w.active = :yes AND d.webhook_id NOT IN (:busy)
                ORDER BY d.due_at, d.id LIMIT :limit""")
                .param("now", now.toEpochMilli())
                .param("yes", true)
                .param("busy", excluded)
                .param("limit", limit)
                .query((rs, row) -> new Due(rs.getLong("id"), rs.getLong("webhook_id")))
                .list();
    }

    /**
     * Takes the given deliveries, those still due, until {@code leaseUntil}: one write for the lot, since with SQLite
     * every write waits for the one connection that intake and routing use too. A delivery another sender took first
     * is not returned.
     */
    List<Claimed> claim(Collection<Long> ids, Instant now, Instant leaseUntil, String sender) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                UPDATE webhook_deliveries SET state = 'sending', attempts = attempts + 1, due_at = :until,
                                              locked_by = :sender
                WHERE id IN (:ids) AND due_at <= :now
                RETURNING id, webhook_id, delivery_id, event, payload, occurred_at, created_at, attempts""")
                .param("ids", List.copyOf(ids))
                .param("now", now.toEpochMilli())
                .param("until", leaseUntil.toEpochMilli())
                .param("sender", sender)
                .query((rs, row) -> new Claimed(rs.getLong("id"), rs.getLong("webhook_id"), rs.getString("delivery_id"),
                        rs.getString("event"), rs.getString("payload"), Instant.ofEpochMilli(rs.getLong("occurred_at")),
                        Instant.ofEpochMilli(rs.getLong("created_at")), rs.getInt("attempts")))
                .list();
    }

    /** Takes one due delivery; empty when another sender took it first. */
    Optional<Claimed> claim(long id, Instant now, Instant leaseUntil, String sender) {
        return claim(List.of(id), now, leaseUntil, sender).stream().findFirst();
    }

    void delivered(long id, int status, Instant now) {
        finish(id, Delivery.DELIVERED, status, null, now);
    }

    void failed(long id, @Nullable Integer status, String error) {
        finish(id, Delivery.FAILED, status, error, null);
    }

    void retryAt(long id, @Nullable Integer status, String error, Instant next) {
        jdbc.sql("""
                UPDATE webhook_deliveries SET state = 'pending', due_at = :next, locked_by = NULL,
                                              last_status = :status, last_error = :error
                WHERE id = :id AND state = 'sending'""")
                .param("id", id)
                .param("next", next.toEpochMilli())
                .param("status", status)
                .param("error", error)
                .update();
    }

    private void finish(long id, String state, @Nullable Integer status, @Nullable String error,
            @Nullable Instant deliveredAt) {
        jdbc.sql("""
                UPDATE webhook_deliveries SET state = :state, due_at = NULL, locked_by = NULL, last_status = :status,
                                              last_error = :error, delivered_at = :deliveredAt
                WHERE id = :id AND state = 'sending'""")
                .param("id", id)
                .param("state", state)
                .param("status", status)
                .param("error", error)
                .param("deliveredAt", deliveredAt == null ? null : deliveredAt.toEpochMilli())
                .update();
    }

    /** The most recent deliveries of a subscription, newest first. */
    List<Delivery> recent(long webhookId, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM webhook_deliveries WHERE webhook_id = :webhook "
                        + "ORDER BY id DESC LIMIT :limit")
                .param("webhook", webhookId)
                .param("limit", limit)
                .query(DeliveryStore::delivery)
                .list();
    }

    Optional<Delivery> find(long webhookId, String deliveryId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM webhook_deliveries WHERE webhook_id = :webhook "
                        + "AND delivery_id = :delivery")
                .param("webhook", webhookId)
                .param("delivery", deliveryId)
                .query(DeliveryStore::delivery)
                .optional();
    }

    Optional<String> payload(String deliveryId) {
        return jdbc.sql("SELECT payload FROM webhook_deliveries WHERE delivery_id = :delivery")
                .param("delivery", deliveryId).query(String.class).optional();
    }

    /** Hands back the deliveries that senders of an earlier run of this process had taken. */
    int releaseAll(Instant now) {
        return jdbc.sql("UPDATE webhook_deliveries SET state = 'pending', due_at = :now, locked_by = NULL "
                        + "WHERE state = 'sending'")
                .param("now", now.toEpochMilli())
                .update();
    }

    int deleteFinishedBefore(Instant cutoff) {
        return jdbc.sql("DELETE FROM webhook_deliveries WHERE created_at < :cutoff AND state IN ('delivered', 'failed')")
                .param("cutoff", cutoff.toEpochMilli())
                .update();
    }

    private static Delivery delivery(ResultSet rs, int row) throws SQLException {
        String state = rs.getString("state");
        int status = rs.getInt("last_status");
        Integer lastStatus = rs.wasNull() ? null : status;
        long due = rs.getLong("due_at");
        Instant next = rs.wasNull() || !Delivery.PENDING.equals(state) ? null : Instant.ofEpochMilli(due);
        long delivered = rs.getLong("delivered_at");
        Instant deliveredAt = rs.wasNull() ? null : Instant.ofEpochMilli(delivered);
        return new Delivery(rs.getString("delivery_id"), rs.getLong("webhook_id"), rs.getString("event"), state,
                rs.getInt("attempts"), lastStatus, rs.getString("last_error"), next, deliveredAt,
                Instant.ofEpochMilli(rs.getLong("occurred_at")), Instant.ofEpochMilli(rs.getLong("created_at")),
                rs.getString("redelivery_of"));
    }
}
