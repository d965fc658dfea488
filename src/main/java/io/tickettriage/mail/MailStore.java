package io.tickettriage.mail;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The channel's tables, in SQL that runs unchanged on SQLite and PostgreSQL. */
@Repository
class MailStore {

    /** What became of a message taken from the mailbox. */
    enum Outcome {
        TICKET, REPLY, IGNORED, THROTTLED, REJECTED;

        String column() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A notification waiting to be sent, or sent. */
    record Outgoing(long id, long ticketId, String kind, String messageId, String recipient, String subject,
            String body, @Nullable String inReplyTo, @Nullable String references, @Nullable Instant sentAt) {
    }

    /** What the channel did since a moment: messages by what became of them, notifications by where they are. */
    record Counts(long received, long tickets, long replies, long setAside, long rejected, long sent, long waiting,
            long failed) {
    }

    private static final String LEASE = "mailbox";

    private final JdbcClient jdbc;

    MailStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean known(String messageId) {
        return jdbc.sql("SELECT COUNT(*) FROM mail_messages WHERE message_id = :id").param("id", messageId)
                .query(Long.class).single() > 0;
    }

    /** Records a message as taken; the unique Message-ID refuses a second record of the same message. */
    void record(String messageId, @Nullable String sender, Outcome outcome, @Nullable String reason,
            @Nullable Long ticketId, @Nullable Long commentId, Instant now) {
        jdbc.sql("""
                INSERT INTO mail_messages (message_id, sender, outcome, reason, ticket_id, comment_id, received_at)
                VALUES (:messageId, :sender, :outcome, :reason, :ticketId, :commentId, :now)""")
                .param("messageId", messageId)
                .param("sender", sender, java.sql.Types.VARCHAR)
                .param("outcome", outcome.column())
                .param("reason", reason, java.sql.Types.VARCHAR)
                .param("ticketId", ticketId, java.sql.Types.BIGINT)
                .param("commentId", commentId, java.sql.Types.BIGINT)
                .param("now", now.toEpochMilli())
                .update();
    }

    Counts counts(Instant since) {
        Map<String, Long> outcomes = new HashMap<>();
        jdbc.sql("SELECT outcome, COUNT(*) FROM mail_messages WHERE received_at >= :since GROUP BY outcome")
                .param("since", since.toEpochMilli())
                .query((rs, row) -> outcomes.put(rs.getString(1), rs.getLong(2)))
                .list();
        long received = outcomes.values().stream().mapToLong(Long::longValue).sum();
        long tickets = outcomes.getOrDefault(Outcome.TICKET.column(), 0L);
        long replies = outcomes.getOrDefault(Outcome.REPLY.column(), 0L);
        long rejected = outcomes.getOrDefault(Outcome.REJECTED.column(), 0L);
        return jdbc.sql("""
                SELECT COALESCE(SUM(CASE WHEN sent_at IS NOT NULL THEN 1 ELSE 0 END), 0),
                       COALESCE(SUM(CASE WHEN sent_at IS NULL AND failed_reason IS NULL THEN 1 ELSE 0 END), 0),
                       COALESCE(SUM(CASE WHEN sent_at IS NULL AND failed_reason IS NOT NULL THEN 1 ELSE 0 END), 0)
                FROM mail_outbox WHERE created_at >= :since""")
                .param("since", since.toEpochMilli())
                .query((rs, row) -> new Counts(received, tickets, replies, received - tickets - replies, rejected,
                        rs.getLong(1), rs.getLong(2), rs.getLong(3)))
                .single();
    }

    /** Tickets this address opened by mail since {@code since}. */
    long ticketsFrom(String sender, Instant since) {
        return jdbc.sql("SELECT COUNT(*) FROM mail_messages WHERE sender = :sender AND received_at >= :since "
                        + "AND outcome = 'ticket'")
                .param("sender", sender).param("since", since.toEpochMilli()).query(Long.class).single();
    }

    /** The ticket of the first of these Message-IDs that belongs to one: mail taken in or a notification sent. */
    OptionalLong ticketOf(List<String> messageIds) {
        if (messageIds.isEmpty()) {
            return OptionalLong.empty();
        }
        Map<String, Long> found = new HashMap<>();
        jdbc.sql("SELECT message_id, ticket_id FROM mail_messages WHERE message_id IN (:ids) AND ticket_id IS NOT NULL "
                        + "UNION ALL SELECT message_id, ticket_id FROM mail_outbox WHERE message_id IN (:ids)")
                .param("ids", messageIds)
                .query((rs, row) -> found.put(rs.getString(1), rs.getLong(2)))
                .list();
        for (String id : messageIds) {
            Long ticket = found.get(id);
            if (ticket != null) {
                return OptionalLong.of(ticket);
            }
        }
        return OptionalLong.empty();
    }

    /** The Message-IDs of a ticket's thread, oldest first: the mail that opened it, then each notification. */
    List<String> thread(long ticketId) {
        List<String> ids = new ArrayList<>(jdbc.sql("SELECT message_id FROM mail_messages WHERE ticket_id = :id "
                        + "AND outcome = 'ticket' ORDER BY id")
                .param("id", ticketId).query(String.class).list());
        ids.addAll(jdbc.sql("SELECT message_id FROM mail_outbox WHERE ticket_id = :id ORDER BY id")
                .param("id", ticketId).query(String.class).list());
        return ids;
    }

    long queue(long ticketId, String kind, String messageId, String recipient, String subject, String body,
            @Nullable String inReplyTo, @Nullable String references, Instant now) {
        return jdbc.sql("""
                INSERT INTO mail_outbox (ticket_id, kind, message_id, recipient, subject, body, in_reply_to, refs,
                                         created_at)
                VALUES (:ticketId, :kind, :messageId, :recipient, :subject, :body, :inReplyTo, :refs, :now)
                RETURNING id""")
                .param("ticketId", ticketId)
                .param("kind", kind)
                .param("messageId", messageId)
                .param("recipient", recipient)
                .param("subject", subject)
                .param("body", body)
                .param("inReplyTo", inReplyTo, java.sql.Types.VARCHAR)
                .param("refs", references, java.sql.Types.VARCHAR)
                .param("now", now.toEpochMilli())
                .query(Long.class)
                .single();
    }

    Optional<Outgoing> outgoing(long id) {
        return jdbc.sql("SELECT id, ticket_id, kind, message_id, recipient, subject, body, in_reply_to, refs, sent_at "
                        + "FROM mail_outbox WHERE id = :id")
                .param("id", id)
                .query((rs, row) -> {
                    long sent = rs.getLong("sent_at");
                    Instant sentAt = rs.wasNull() ? null : Instant.ofEpochMilli(sent);
                    return new Outgoing(rs.getLong("id"), rs.getLong("ticket_id"), rs.getString("kind"),
                            rs.getString("message_id"), rs.getString("recipient"), rs.getString("subject"),
                            rs.getString("body"), rs.getString("in_reply_to"), rs.getString("refs"), sentAt);
                })
                .optional();
    }

    void markSent(long id, Instant now) {
        jdbc.sql("UPDATE mail_outbox SET sent_at = :now, failed_reason = NULL WHERE id = :id")
                .param("id", id).param("now", now.toEpochMilli()).update();
    }

    void markFailed(long id, String reason) {
        jdbc.sql("UPDATE mail_outbox SET failed_reason = :reason WHERE id = :id")
                .param("id", id).param("reason", reason).update();
    }

    /**
     * Takes or renews the lease on the mailbox for {@code holder}: true when this process may poll until
     * {@code until}. One UPDATE, so two processes asking at once cannot both get it.
     */
    boolean lease(String holder, Instant now, Instant until) {
        return jdbc.sql("UPDATE mail_poller_lease SET holder = :holder, lease_until = :until "
                        + "WHERE name = :name AND (holder = :holder OR holder IS NULL OR lease_until < :now)")
                .param("holder", holder).param("until", until.toEpochMilli()).param("now", now.toEpochMilli())
                .param("name", LEASE)
                .update() == 1;
    }

    void releaseLease(String holder) {
        jdbc.sql("UPDATE mail_poller_lease SET holder = NULL, lease_until = 0 WHERE name = :name AND holder = :holder")
                .param("name", LEASE).param("holder", holder).update();
    }
}
