package io.tickettriage.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.internet.MimeMessage;

import io.tickettriage.support.Api;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * The e-mail channel against real SMTP and IMAP servers (GreenMail) on loopback: mail in, tickets and comments out,
 * notifications back over SMTP. The mailbox is polled here ({@code triage.mail.idle=false}, as with a server without
 * IMAP IDLE); {@link MailIdleIT} covers waiting in IDLE.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "triage.auth=none", "DATABASE_URL=sqlite:///target/it-${random.uuid}.db",
        "triage.knowledge.dir=target/knowledge-${random.uuid}", "triage.rate-limit-per-minute=0",
        "triage.mail.from=IT Support <support@example.com>", "triage.mail.poll-interval=200ms", "triage.mail.idle=false",
        "triage.mail.retry-max-wait=1s", "triage.mail.max-tickets-per-sender-per-hour=3",
        "triage.mail.max-message-size=200KB", "triage.jobs.retry-backoff=50ms"})
class MailChannelIT {

    static final Mailboxes MAIL = new Mailboxes().start();
    private static final Duration WAIT = Duration.ofSeconds(30);

    @DynamicPropertySource
    static void mailbox(DynamicPropertyRegistry registry) {
        registry.add("triage.mail.imap-url", MAIL::imapUrl);
        registry.add("triage.mail.smtp-url", MAIL::smtpUrl);
    }

    @AfterAll
    static void stopMail() {
        MAIL.stop();
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MailIntake intake;

    @Autowired
    MailHealth health;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    @Test
    void aNewMailBecomesARoutedTicketAndItsSenderIsToldTheTicketNumber() {
        String alice = unique("alice");
        MAIL.deliver(mail(alice, "<first-" + UUID.randomUUID() + "@example.com>", "Fwd: AW: Laptop screen flickers",
                "My laptop screen flickers when docked.\n\n-- \nAlice\nAccounting"));

        JsonNode ticket = awaitTicketFrom(alice);
        assertThat(ticket.get("title").asString()).isEqualTo("Laptop screen flickers");
        assertThat(ticket.get("description").asString()).isEqualTo("My laptop screen flickers when docked.");
        assertThat(ticket.get("channel").asString()).isEqualTo("email");
        assertThat(ticket.get("created_by").asString()).isEqualTo(alice);
        long id = ticket.get("id").asLong();
        await().atMost(WAIT).until(() -> api.get("/tickets/" + id).json().get("status").asString().equals("routed"));

        MimeMessage received = awaitMailTo(alice, 1).getFirst();
        assertThat(subject(received)).isEqualTo("[#" + id + "] Laptop screen flickers");
        String original = jdbc.sql("SELECT message_id FROM mail_messages WHERE ticket_id = ?").param(id)
                .query(String.class).single();
        assertThat(Mailboxes.header(received, "In-Reply-To")).isEqualTo(original);
        assertThat(Mailboxes.header(received, "References")).isEqualTo(original);
        assertThat(Mailboxes.header(received, "Auto-Submitted")).isEqualTo("auto-replied");
        assertThat(Mailboxes.header(received, "Message-ID")).endsWith("@example.com>");
        await().atMost(WAIT).until(MAIL::allSeen);
    }

    @Test
    void repliesBecomePublicCommentsReopenTheTicketAndAgentsPublicCommentsAreMailed() {
        String alice = unique("alice");
        MAIL.deliver(mail(alice, "<" + UUID.randomUUID() + "@example.com>", "Printer on floor 2 jams", "Every page."));
        long id = awaitTicketFrom(alice).get("id").asLong();
        awaitMailTo(alice, 1);

        // an agent's public comment is mailed, an internal one never
        api.post("/tickets/" + id + "/comments", Api.json(Map.of("text", "Internal: toner supplier", "internal",
                true)));
        api.post("/tickets/" + id + "/comments", Api.json(Map.of("text", "We replaced the roller.")));
        MimeMessage answer = awaitMailTo(alice, 2).get(1);
        assertThat(body(answer)).contains("We replaced the roller.").doesNotContain("toner");

        assertThat(api.patch("/tickets/" + id + "/status?status=closed").status()).isEqualTo(200);
        MimeMessage closed = awaitMailTo(alice, 3).get(2);
        assertThat(body(closed)).contains("has been closed");
        assertThat(Mailboxes.header(closed, "References")).contains(Mailboxes.header(answer, "Message-ID"));

        // the requester answers the closing mail: a comment, and the ticket is open again
        MAIL.deliver("From: " + alice + "\nTo: support@example.com\nSubject: Re: " + subject(closed)
                + "\nMessage-ID: <" + UUID.randomUUID() + "@example.com>\nIn-Reply-To: "
                + Mailboxes.header(closed, "Message-ID") + "\n\nStill jams.\n\nOn Monday IT Support wrote:\n> closed\n");
        await().atMost(WAIT).until(() -> comments(id).size() == 3);
        assertThat(comments(id).get(2)).isEqualTo("E-mail from " + alice + ":\n\nStill jams.");
        assertThat(api.get("/tickets/" + id).json().get("status").asString()).isEqualTo("routed");

        // someone else writes with the ticket's number in the subject: added, and marked as not the requester
        String bob = unique("bob");
        MAIL.deliver(mail(bob, "<" + UUID.randomUUID() + "@example.com>", "[#" + id + "] same here", "Mine too."));
        await().atMost(WAIT).until(() -> comments(id).size() == 4);
        assertThat(comments(id).get(3)).isEqualTo("E-mail from " + bob + " (not the requester):\n\nMine too.");
        // the requester's own replies are not mailed back to them
        assertThat(MAIL.to(alice)).hasSize(3);
    }

    @Test
    void autoRepliesBouncesAndOwnMailAreNeitherTicketsNorAnswered() {
        String away = unique("away");
        MAIL.deliver("From: " + away + "\nSubject: Out of office\nAuto-Submitted: auto-replied\nMessage-ID: <"
                + UUID.randomUUID() + "@example.com>\n\nI am away.\n");
        MAIL.deliver("From: " + away + "\nSubject: Away\nPrecedence: bulk\nMessage-ID: <" + UUID.randomUUID()
                + "@example.com>\n\nAway.\n");
        MAIL.deliver("From: MAILER-DAEMON@example.net\nSubject: Undelivered Mail\nMessage-ID: <" + UUID.randomUUID()
                + "@example.net>\n\nfailed\n");
        MAIL.deliver(mail("support@example.com", "<" + UUID.randomUUID() + "@example.com>", "[#99999] x", "loop"));
        String marker = unique("marker");
        MAIL.deliver(mail(marker, "<" + UUID.randomUUID() + "@example.com>", "Keyboard missing keys", "F and J."));

        awaitTicketFrom(marker);
        await().atMost(WAIT).until(MAIL::allSeen);
        assertThat(ticketsFrom(away)).isEmpty();
        assertThat(ticketsFrom("mailer-daemon@example.net")).isEmpty();
        assertThat(ticketsFrom("support@example.com")).isEmpty();
        assertThat(MAIL.to(away)).isEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM mail_messages WHERE outcome = 'ignored' AND (sender = ? OR sender = "
                + "'mailer-daemon@example.net' OR sender = 'support@example.com')").param(away).query(Long.class)
                .single()).isEqualTo(4);
    }

    @Test
    void aMessageWhoseTicketWasCommittedButNotFlaggedIsNotTakenAgain() throws Exception {
        String carol = unique("carol");
        String raw = mail(carol, "<crash-" + UUID.randomUUID() + "@example.com>", "VPN drops", "Every 5 minutes.");
        // as if the process died after committing the ticket and before flagging the message seen
        intake.take(MailParserTests.parse(raw));
        MAIL.deliver(raw);

        await().atMost(WAIT).until(MAIL::allSeen);
        String marker = unique("marker");
        MAIL.deliver(mail(marker, "<" + UUID.randomUUID() + "@example.com>", "Mouse broken", "Left button."));
        awaitTicketFrom(marker);
        assertThat(ticketsFrom(carol)).hasSize(1);
    }

    @Test
    void aSenderOpeningTooManyTicketsWithinTheHourIsThrottled() {
        String dave = unique("dave");
        for (int i = 0; i < 5; i++) {
            MAIL.deliver(mail(dave, "<" + UUID.randomUUID() + "@example.com>", "Request " + i, "Please."));
        }
        await().atMost(WAIT).until(MAIL::allSeen);
        assertThat(ticketsFrom(dave)).hasSize(3);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM mail_messages WHERE sender = ? AND outcome = 'throttled'")
                .param(dave).query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void aMessageOverTheSizeBoundIsSetAsideAndTheNextOneStillArrives() {
        String erin = unique("erin");
        MAIL.deliver(mail(erin, "<" + UUID.randomUUID() + "@example.com>", "Huge", "x".repeat(300_000)));
        MAIL.deliver(mail(erin, "<" + UUID.randomUUID() + "@example.com>", "Small", "Fine."));
        await().atMost(WAIT).until(() -> ticketsFrom(erin).size() == 1);
        assertThat(ticketsFrom(erin).getFirst().get("title").asString()).isEqualTo("Small");
        await().atMost(WAIT).until(MAIL::allSeen);
        assertThat(jdbc.sql("SELECT reason FROM mail_messages WHERE sender = ? AND outcome = 'rejected'").param(erin)
                .query(String.class).single()).contains("TRIAGE_MAIL_MAX_MESSAGE_SIZE");
    }

    @Test
    void aWrongPasswordShowsTheChannelDegradedAndIntakeResumesOnceItIsRight() {
        String frank = unique("frank");
        MAIL.support().setPassword("changed");
        try {
            await().atMost(WAIT).until(() -> health.health().getStatus().equals(MailHealth.DEGRADED));
            assertThat(health.health().getDetails().get("error").toString()).contains("refused the login");
            // the dashboard's e-mail panel says why, not only that the mailbox is down
            JsonNode down = api.get("/mail/status").json();
            assertThat(down.get("channel").asString()).isEqualTo("down");
            assertThat(down.get("error").asString()).contains("refused the login").doesNotContain(Mailboxes.PASSWORD);
            MAIL.deliver(mail(frank, "<" + UUID.randomUUID() + "@example.com>", "Monitor dead", "No signal."));
        } finally {
            MAIL.support().setPassword(Mailboxes.PASSWORD);
        }
        awaitTicketFrom(frank);
        await().atMost(WAIT).until(() -> health.health().getStatus().equals(Status.UP));
        assertThat(health.health().getDetails().get("watch")).isEqualTo("poll");
        assertThat(api.get("/mail/status").json().get("error").isNull()).isTrue();
        // the overall health is not pulled down by the mailbox
        assertThat(api.get("/actuator/health").status()).isEqualTo(200);
        assertThat(api.get("/actuator/health").json().at("/components/mail/status").asString()).isEqualTo("UP");
    }

    @Test
    void survivesARestartOfTheMailServer() {
        MAIL.stop();
        try {
            await().atMost(WAIT).until(() -> health.health().getStatus().equals(MailHealth.DEGRADED));
        } finally {
            MAIL.start();
        }
        String grace = unique("grace");
        MAIL.deliver(mail(grace, "<" + UUID.randomUUID() + "@example.com>", "Wi-Fi gone", "Since the restart."));
        awaitTicketFrom(grace);
        await().atMost(WAIT).until(() -> health.health().getStatus().equals(Status.UP));
    }

    @Test
    void anSmtpOutageDelaysANotificationWithoutLosingIt() {
        String henry = unique("henry");
        MAIL.deliver(mail(henry, "<" + UUID.randomUUID() + "@example.com>", "Docking station dead", "No power."));
        long id = awaitTicketFrom(henry).get("id").asLong();
        awaitMailTo(henry, 1);
        MAIL.stop();
        try {
            assertThat(api.post("/tickets/" + id + "/comments", Api.json(Map.of("text",
                    "Please bring it to the service desk."))).status()).isEqualTo(201);
            await().atMost(WAIT).until(() -> jdbc.sql("SELECT COUNT(*) FROM jobs WHERE type = 'mail-send' "
                    + "AND attempts >= 2 AND last_error IS NOT NULL").query(Long.class).single() > 0);
        } finally {
            MAIL.start();
        }
        MimeMessage delayed = awaitMailTo(henry, 1).getFirst();
        assertThat(body(delayed)).contains("Please bring it to the service desk.");
        await().atMost(WAIT).until(() -> jdbc.sql("SELECT COUNT(*) FROM mail_outbox WHERE ticket_id = ? "
                + "AND sent_at IS NULL").param(id).query(Long.class).single() == 0);
    }

    @Test
    void theDashboardGetsTheChannelsStateAndItsFiguresCountedInTheDatabase() {
        String ivy = unique("ivy");
        MAIL.deliver(mail(ivy, "<" + UUID.randomUUID() + "@example.com>", "Headset broken", "No sound."));
        MAIL.deliver("From: " + ivy + "\nSubject: Away\nAuto-Submitted: auto-replied\nMessage-ID: <"
                + UUID.randomUUID() + "@example.com>\n\nI am away.\n");
        awaitTicketFrom(ivy);
        await().atMost(WAIT).until(MAIL::allSeen);

        JsonNode status = api.get("/mail/status?days=7").json();
        assertThat(status.get("enabled").asBoolean()).isTrue();
        assertThat(status.get("sending").asBoolean()).isTrue();
        assertThat(status.get("channel").asString()).isEqualTo("up");
        assertThat(status.get("watch").asString()).isEqualTo("poll");
        assertThat(status.get("mailbox").asString()).contains("127.0.0.1").doesNotContain(Mailboxes.PASSWORD);
        assertThat(status.get("window_days").asInt()).isEqualTo(7);
        assertThat(status.get("received").asLong()).isEqualTo(count("SELECT COUNT(*) FROM mail_messages"));
        assertThat(status.get("tickets_created").asLong())
                .isEqualTo(count("SELECT COUNT(*) FROM mail_messages WHERE outcome = 'ticket'")).isPositive();
        assertThat(status.get("replies_threaded").asLong())
                .isEqualTo(count("SELECT COUNT(*) FROM mail_messages WHERE outcome = 'reply'"));
        assertThat(status.get("set_aside").asLong()).isEqualTo(count("SELECT COUNT(*) FROM mail_messages WHERE "
                + "outcome IN ('ignored', 'throttled', 'rejected')")).isPositive();
        assertThat(status.get("rejected").asLong())
                .isEqualTo(count("SELECT COUNT(*) FROM mail_messages WHERE outcome = 'rejected'"));
        assertThat(status.get("mails_sent").asLong() + status.get("mails_waiting").asLong()
                + status.get("mails_failed").asLong()).isEqualTo(count("SELECT COUNT(*) FROM mail_outbox"));

        assertThat(api.get("/mail/status?days=0").status()).isEqualTo(422);
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    static String mail(String from, String messageId, String subject, String body) {
        return "From: " + from + "\nTo: support@example.com\nSubject: " + subject + "\nMessage-ID: " + messageId
                + "\nContent-Type: text/plain; charset=UTF-8\n\n" + body + "\n";
    }

    private static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    private JsonNode awaitTicketFrom(String sender) {
        await().atMost(WAIT).until(() -> !ticketsFrom(sender).isEmpty());
        return ticketsFrom(sender).getFirst();
    }

    private List<JsonNode> ticketsFrom(String sender) {
        return api.get("/tickets").json().valueStream()
                .filter(ticket -> sender.equals(ticket.path("requester_email").asString(null))).toList();
    }

    private List<String> comments(long id) {
        return api.get("/tickets/" + id + "/comments").json().valueStream().map(c -> c.get("text").asString())
                .toList();
    }

    private static List<MimeMessage> awaitMailTo(String address, int count) {
        await().atMost(WAIT).until(() -> MAIL.to(address).size() >= count);
        return MAIL.to(address);
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String body(MimeMessage message) {
        try {
            return String.valueOf(message.getContent());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
