package io.tickettriage.system;

import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * How each polled channel (a helpdesk connector, the mailbox) last fared, in the database ({@code channel_status}):
 * only the process that polls a channel sees it, and any process must answer its status endpoint with what that
 * process saw. Written once per poll and on each failure, never per ticket. Writes are best effort: a failure to
 * record a status must not stop the polling it describes, and the next poll writes it again.
 */
@Repository
public class ChannelStatus {

    private static final Logger log = LoggerFactory.getLogger(ChannelStatus.class);

    /**
     * A channel as last recorded.
     *
     * @param state       {@code up} or {@code down} as the polling process last found it; null while no process has
     *                    polled the channel (webhooks only, or not yet)
     * @param lastPoll    the last successful poll, by whichever process
     * @param watch       how the mailbox is watched while up ({@code idle} or {@code poll}); null for connectors
     * @param lastError   the last error met with the channel, kept after it recovered
     * @param lastErrorAt when
     */
    public record Status(@Nullable String state, @Nullable Instant lastPoll, @Nullable String watch,
            @Nullable String lastError, @Nullable Instant lastErrorAt) {

        /**
         * This status as it stands at {@code now} for a channel polled every {@code pollInterval}: a channel last
         * recorded {@code up} whose last poll is older than {@link #staleAfter} is {@code down}, with an error that
         * says so. The row is written by the polling worker only, so if every worker stops (or none was started with
         * the channel configured) it would otherwise say {@code up} for ever. A channel not polled at all (an interval
         * of zero: webhooks only) is left as recorded.
         */
        public Status asOf(Instant now, Duration pollInterval) {
            if (!"up".equals(state) || lastPoll == null || pollInterval.isZero() || pollInterval.isNegative()) {
                return this;
            }
            Duration stale = staleAfter(pollInterval);
            Instant since = lastPoll.plus(stale);
            if (!now.isAfter(since)) {
                return this;
            }
            return new Status("down", lastPoll, null, "No successful poll since "
                    + lastPoll.truncatedTo(ChronoUnit.SECONDS) + " (more than " + stale.toSeconds()
                    + " s): no worker process is polling this channel; check that one runs (TRIAGE_ROLE worker or"
                    + " all) with the same settings", since);
        }

        /** Three poll intervals and a minute: a worker records each poll, and a busy one takes a while to. */
        public static Duration staleAfter(Duration pollInterval) {
            return pollInterval.multipliedBy(3).plus(Duration.ofMinutes(1));
        }

        /** The last error while it still stands: no poll succeeded after it. */
        public @Nullable String currentError() {
            return lastError == null || lastErrorAt == null || lastPoll != null && lastPoll.isAfter(lastErrorAt)
                    ? null : lastError;
        }
    }

    private final JdbcClient jdbc;

    public ChannelStatus(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A poll of {@code channel} succeeded at {@code now}; {@code watch} is the mailbox's way of watching. */
    public void polled(String channel, @Nullable String watch, Instant now) {
        write(channel, """
                INSERT INTO channel_status (channel, state, last_poll, watch, updated_at)
                VALUES (:channel, 'up', :now, :watch, :now)
                ON CONFLICT (channel) DO UPDATE SET state = 'up', last_poll = :now, watch = :watch, updated_at = :now""",
                null, watch, now);
    }

    /** A poll of {@code channel} failed: the channel is down until a poll succeeds. */
    public void failed(String channel, String error, Instant now) {
        write(channel, """
                INSERT INTO channel_status (channel, state, last_error, last_error_at, updated_at)
                VALUES (:channel, 'down', :error, :now, :now)
                ON CONFLICT (channel) DO UPDATE SET state = 'down', watch = NULL, last_error = :error,
                       last_error_at = :now, updated_at = :now""",
                error, null, now);
    }

    /** An error that does not stop polling, such as a write-back the helpdesk refused for good. */
    public void error(String channel, String error, Instant now) {
        write(channel, """
                INSERT INTO channel_status (channel, last_error, last_error_at, updated_at)
                VALUES (:channel, :error, :now, :now)
                ON CONFLICT (channel) DO UPDATE SET last_error = :error, last_error_at = :now, updated_at = :now""",
                error, null, now);
    }

    /** The channel as last recorded; empty while nothing was. */
    public Optional<Status> find(String channel) {
        return jdbc.sql("SELECT state, last_poll, watch, last_error, last_error_at FROM channel_status "
                        + "WHERE channel = :channel")
                .param("channel", channel)
                .query((rs, row) -> new Status(rs.getString("state"), instant(rs.getLong("last_poll"), rs.wasNull()),
                        rs.getString("watch"), rs.getString("last_error"),
                        instant(rs.getLong("last_error_at"), rs.wasNull())))
                .optional();
    }

    private void write(String channel, String sql, @Nullable String error, @Nullable String watch, Instant now) {
        try {
            jdbc.sql(sql).param("channel", channel).param("now", now.toEpochMilli())
                    .param("error", error, Types.VARCHAR).param("watch", watch, Types.VARCHAR)
                    .update();
        } catch (DataAccessException e) {
            // the poller reports the database's failure itself; its next poll records the status again
            log.debug("The status of {} was not recorded: {}", channel, e.getMessage());
        }
    }

    private static @Nullable Instant instant(long millis, boolean wasNull) {
        return wasNull ? null : Instant.ofEpochMilli(millis);
    }
}
