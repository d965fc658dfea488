package io.tickettriage.system;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A channel's recorded status as it stands later: "up" only while some worker keeps polling it. */
class ChannelStatusTests {

    private static final Instant POLLED = Instant.parse("2026-12-07T10:00:00.250Z");
    private static final Duration EVERY_30_S = Duration.ofSeconds(30);

    private static ChannelStatus.Status up() {
        return new ChannelStatus.Status("up", POLLED, "idle", "GLPI answered 503", POLLED.minusSeconds(60));
    }

    @Test
    void anUpChannelStaysUpForThreePollIntervalsAndAMinute() {
        assertThat(ChannelStatus.Status.staleAfter(EVERY_30_S)).isEqualTo(Duration.ofSeconds(150));

        ChannelStatus.Status status = up().asOf(POLLED.plusSeconds(150), EVERY_30_S);

        assertThat(status).isEqualTo(up());
        assertThat(status.currentError()).isNull();
    }

    @Test
    void anUpChannelNoWorkerPolledSinceIsDownAndSaysWhy() {
        ChannelStatus.Status status = up().asOf(POLLED.plusSeconds(151), EVERY_30_S);

        assertThat(status.state()).isEqualTo("down");
        assertThat(status.lastPoll()).isEqualTo(POLLED);
        assertThat(status.watch()).as("not watched while down").isNull();
        assertThat(status.currentError()).isEqualTo("No successful poll since 2026-12-07T10:00:00Z (more than 150 s):"
                + " no worker process is polling this channel; check that one runs (TRIAGE_ROLE worker or all) with the"
                + " same settings");
        assertThat(status.lastErrorAt()).isEqualTo(POLLED.plusSeconds(150));
    }

    @Test
    void downNeverPolledAndUnpolledChannelsAreLeftAsRecorded() {
        Instant muchLater = POLLED.plus(Duration.ofDays(2));
        ChannelStatus.Status down = new ChannelStatus.Status("down", POLLED, null, "refused the login", POLLED);
        ChannelStatus.Status neverPolled = new ChannelStatus.Status(null, null, null, "answered 403", POLLED);

        assertThat(down.asOf(muchLater, EVERY_30_S)).isEqualTo(down);
        assertThat(neverPolled.asOf(muchLater, EVERY_30_S)).isEqualTo(neverPolled);
        assertThat(up().asOf(muchLater, Duration.ZERO)).as("webhooks only").isEqualTo(up());
    }
}
