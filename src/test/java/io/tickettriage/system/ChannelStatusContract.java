package io.tickettriage.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The channels' shared status, the same on SQLite and PostgreSQL: what one process records, a new store on the same
 * database (another process) reads back; a failure keeps the last poll, a recovery keeps the error but no longer
 * reports it as current, and an error that does not stop polling leaves the state alone.
 */
abstract class ChannelStatusContract {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

    abstract DataSource dataSource();

    private ChannelStatus poller;
    private ChannelStatus reader;
    private String channel;

    @BeforeEach
    void stores() {
        poller = new ChannelStatus(JdbcClient.create(dataSource()));
        reader = new ChannelStatus(JdbcClient.create(dataSource()));
        channel = "desk-" + UUID.randomUUID(); // each test its own channel: the database is shared
    }

    @Test
    void aChannelNoProcessHasRecordedHasNoStatus() {
        assertThat(reader.find(channel)).isEmpty();
    }

    @Test
    void anotherProcessReadsTheLastPollAndHowTheMailboxIsWatched() {
        poller.polled(channel, "poll", NOW);
        poller.polled(channel, "idle", NOW.plusSeconds(30));

        ChannelStatus.Status status = reader.find(channel).orElseThrow();
        assertThat(status.state()).isEqualTo("up");
        assertThat(status.lastPoll()).isEqualTo(NOW.plusSeconds(30));
        assertThat(status.watch()).isEqualTo("idle");
        assertThat(status.lastError()).isNull();
        assertThat(status.currentError()).isNull();
    }

    @Test
    void aFailedPollKeepsTheLastPollAndARecoveryKeepsTheErrorWithItsTimeButNotAsCurrent() {
        poller.polled(channel, "idle", NOW);
        poller.failed(channel, "GLPI answered 503", NOW.plusSeconds(60));

        ChannelStatus.Status down = reader.find(channel).orElseThrow();
        assertThat(down.state()).isEqualTo("down");
        assertThat(down.lastPoll()).isEqualTo(NOW);
        assertThat(down.watch()).as("not watched while down").isNull();
        assertThat(down.lastError()).isEqualTo("GLPI answered 503");
        assertThat(down.lastErrorAt()).isEqualTo(NOW.plusSeconds(60));
        assertThat(down.currentError()).isEqualTo("GLPI answered 503");

        poller.polled(channel, null, NOW.plusSeconds(120));
        ChannelStatus.Status up = reader.find(channel).orElseThrow();
        assertThat(up.state()).isEqualTo("up");
        assertThat(up.lastPoll()).isEqualTo(NOW.plusSeconds(120));
        assertThat(up.lastError()).isEqualTo("GLPI answered 503");
        assertThat(up.lastErrorAt()).isEqualTo(NOW.plusSeconds(60));
        assertThat(up.currentError()).isNull();
    }

    @Test
    void anErrorThatDoesNotStopPollingLeavesTheStateAsItWas() {
        poller.error(channel, "Zammad answered 403 on a write-back", NOW);
        ChannelStatus.Status neverPolled = reader.find(channel).orElseThrow();
        assertThat(neverPolled.state()).isNull();
        assertThat(neverPolled.lastPoll()).isNull();
        assertThat(neverPolled.currentError()).isEqualTo("Zammad answered 403 on a write-back");

        poller.polled(channel, null, NOW.plusSeconds(10));
        poller.error(channel, "Zammad answered 404 on a write-back", NOW.plusSeconds(20));
        ChannelStatus.Status polled = reader.find(channel).orElseThrow();
        assertThat(polled.state()).isEqualTo("up");
        assertThat(polled.lastPoll()).isEqualTo(NOW.plusSeconds(10));
        assertThat(polled.currentError()).isEqualTo("Zammad answered 404 on a write-back");
    }

    @Test
    void eachChannelHasItsOwnRow() {
        poller.polled(channel, null, NOW);
        poller.failed("other-" + channel, "refused the login", NOW);

        assertThat(reader.find(channel).orElseThrow().state()).isEqualTo("up");
        assertThat(reader.find("other-" + channel).orElseThrow().state()).isEqualTo("down");
    }
}
