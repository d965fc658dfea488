package io.tickettriage.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.tickettriage.support.Api;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Waiting for mail in IMAP IDLE against GreenMail's IMAP server, which offers it. The poll interval and the IDLE
 * renewal are ten minutes here, so a message that becomes a ticket within the test's deadline was announced by the
 * server, not found by a poll. The mailbox is logged in to with XOAUTH2 and an access token from a file.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "triage.auth=none", "DATABASE_URL=sqlite:///target/it-${random.uuid}.db",
        "triage.knowledge.dir=target/knowledge-${random.uuid}", "triage.rate-limit-per-minute=0",
        "triage.mail.from=IT Support <support@example.com>", "triage.mail.poll-interval=10m",
        "triage.mail.idle-renewal=10m", "triage.mail.retry-max-wait=1s"})
class MailIdleIT {

    static final Mailboxes MAIL = new Mailboxes().start();
    /** Far below the ten-minute poll interval: only IDLE can bring mail in within it. */
    private static final Duration WAIT = Duration.ofSeconds(60);

    @DynamicPropertySource
    static void mailbox(DynamicPropertyRegistry registry) throws java.io.IOException {
        // The login is XOAUTH2 with an access token from a file (GreenMail takes the password as the token): the URL
        // carries no password, so the channel works end to end only if the token is used.
        java.nio.file.Path token = java.nio.file.Files.createTempFile("mail-token", ".txt");
        java.nio.file.Files.writeString(token, Mailboxes.PASSWORD);
        token.toFile().deleteOnExit();
        registry.add("triage.mail.imap-url", () -> MAIL.imapUrl().replace(":" + Mailboxes.PASSWORD + "@", "@"));
        registry.add("triage.mail.oauth2-token-file", token::toString);
    }

    @AfterAll
    static void stopMail() {
        MAIL.stop();
    }

    @LocalServerPort
    int port;

    @Autowired
    MailHealth health;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    @Test
    void mailDeliveredWhileThePollerIdlesBecomesTicketsLongBeforeThePollInterval() {
        awaitIdle();
        List<String> senders = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String sender = unique("idle" + i);
            senders.add(sender);
            MAIL.deliver(MailChannelIT.mail(sender, "<" + UUID.randomUUID() + "@example.com>", "Laptop fan loud " + i,
                    "The fan is very loud."));
        }
        for (String sender : senders) {
            await().atMost(WAIT).until(() -> !ticketsFrom(sender).isEmpty());
        }
        await().atMost(WAIT).until(MAIL::allSeen);
        // and it goes back to waiting, ready for the next one
        awaitIdle();
        String later = unique("later");
        MAIL.deliver(MailChannelIT.mail(later, "<" + UUID.randomUUID() + "@example.com>", "Docking station", "Dead."));
        await().atMost(WAIT).until(() -> !ticketsFrom(later).isEmpty());
    }

    @Test
    void aServerRestartDuringIdleIsRecoveredFrom() {
        awaitIdle();
        MAIL.stop();
        try {
            // the IDLE connection is closed under the poller: it shows the channel down and retries
            await().atMost(WAIT).until(() -> health.health().getStatus().equals(MailHealth.DEGRADED));
        } finally {
            MAIL.start();
        }
        awaitIdle();
        String sender = unique("restart");
        MAIL.deliver(MailChannelIT.mail(sender, "<" + UUID.randomUUID() + "@example.com>", "VPN gone", "Since today."));
        await().atMost(WAIT).until(() -> !ticketsFrom(sender).isEmpty());
    }

    private void awaitIdle() {
        await().atMost(WAIT).until(() -> health.health().getStatus().equals(Status.UP)
                && "idle".equals(health.health().getDetails().get("watch")));
    }

    private List<tools.jackson.databind.JsonNode> ticketsFrom(String sender) {
        return api.get("/tickets").json().valueStream()
                .filter(ticket -> sender.equals(ticket.path("requester_email").asString(null))).toList();
    }

    private static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }
}
