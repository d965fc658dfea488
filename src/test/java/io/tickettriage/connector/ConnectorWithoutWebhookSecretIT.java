package io.tickettriage.connector;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A helpdesk that is not polled and has no webhook secret brings no ticket at all: the start says so as a warning,
 * where it used to say that the webhook brings them (every webhook call is refused without the secret).
 */
@SpringBootTest(properties = {"triage.auth=none", "DATABASE_URL=sqlite:///target/it-${random.uuid}.db",
        "triage.knowledge.dir=target/knowledge-${random.uuid}", "triage.zammad.url=http://127.0.0.1:9",
        "triage.zammad.token=not-used", "triage.zammad.poll-interval=0s"})
@ExtendWith(OutputCaptureExtension.class)
class ConnectorWithoutWebhookSecretIT {

    @Test
    void warnsAtStartThatNoTicketComesFromIt(CapturedOutput output) {
        assertThat(output).contains("WARN").contains("zammad is not polled (its poll interval is 0) and its webhook "
                + "refuses every call (no TRIAGE_ZAMMAD_WEBHOOK_SECRET): no ticket comes from it")
                .doesNotContain("its webhook brings tickets");
    }
}
