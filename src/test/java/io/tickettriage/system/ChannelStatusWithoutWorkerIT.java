package io.tickettriage.system;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.tickettriage.support.Api;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An API process, which polls nothing, reports the mailbox and a helpdesk connector as the polling worker recorded
 * them; when no worker has recorded a poll for three poll intervals and a minute, it reports them down and says why,
 * rather than "up" for ever. Nothing listens at the configured addresses: only the recorded rows decide.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {"triage.auth=none", "triage.role=api",
        "DATABASE_URL=sqlite:///target/it-${random.uuid}.db", "triage.knowledge.dir=target/knowledge-${random.uuid}",
        "triage.mail.imap-url=imap://support:secret@127.0.0.1:9/INBOX", "triage.mail.poll-interval=30s",
        "triage.glpi.url=http://127.0.0.1:9/glpi", "triage.glpi.app-token=app", "triage.glpi.user-token=user",
        "triage.glpi.poll-interval=1m"})
class ChannelStatusWithoutWorkerIT {

    @LocalServerPort
    int port;

    @Autowired
    ChannelStatus channels;

    @Test
    void aChannelNoWorkerHasPolledForThreeIntervalsIsReportedDown() {
        Api api = new Api(port);
        Instant now = Instant.now();
        channels.polled("mail", "idle", now.minusSeconds(20));
        channels.polled("glpi", null, now.minusSeconds(60));

        JsonNode mail = api.get("/mail/status").json();
        assertThat(mail.get("channel").asString()).isEqualTo("up");
        assertThat(mail.get("error").isNull()).isTrue();
        assertThat(glpi(api).get("state").asString()).isEqualTo("up");

        // the workers stopped: their last polls are now older than 3 intervals and a minute (150 s and 240 s)
        Instant mailPoll = now.minus(Duration.ofSeconds(151));
        channels.polled("mail", "idle", mailPoll);
        channels.polled("glpi", null, now.minus(Duration.ofSeconds(241)));

        JsonNode stale = api.get("/mail/status").json();
        assertThat(stale.get("channel").asString()).isEqualTo("down");
        assertThat(stale.get("watch").isNull()).isTrue();
        assertThat(Instant.parse(stale.get("last_poll").asString())).isEqualTo(mailPoll.truncatedTo(ChronoUnit.MILLIS));
        assertThat(stale.get("error").asString()).startsWith("No successful poll since")
                .contains("no worker process is polling this channel").doesNotContain("secret");
        JsonNode connector = glpi(api);
        assertThat(connector.get("state").asString()).isEqualTo("down");
        assertThat(connector.get("last_error").asString()).contains("(more than 240 s)");

        // a worker polls again
        channels.polled("mail", "poll", Instant.now());
        assertThat(api.get("/mail/status").json().get("channel").asString()).isEqualTo("up");
    }

    private static JsonNode glpi(Api api) {
        for (JsonNode connector : api.get("/insights/connectors").json().get("connectors")) {
            if (connector.get("connector").asString().equals("glpi")) {
                return connector;
            }
        }
        throw new AssertionError("no glpi connector in /insights/connectors");
    }
}
