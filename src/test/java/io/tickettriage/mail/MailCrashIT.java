package io.tickettriage.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.tickettriage.support.AppProcess;
import io.tickettriage.system.DatabaseUrl;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Kills the application's JVM with SIGKILL while it takes a batch of mail in, after some messages' tickets were
 * committed and before they were flagged seen in the mailbox (GreenMail, in this JVM), and proves that after a
 * restart on the same database every message became exactly one ticket and every message ends flagged.
 */
class MailCrashIT {

    private static final int MESSAGES = 150;
    private static final String[] TEXTS = {
        "Laptop screen flickers after docking|External monitor goes black on the dock",
        "VPN drops every few minutes|Connection to the office network keeps failing from home",
        "Outlook keeps asking for my password|It prompts again right after I type it",
        "Printer on floor 3 jams|Every second page jams in tray 2",
    };

    private final Mailboxes mail = new Mailboxes().start();

    @TempDir
    Path dir;

    private SingleConnectionDataSource database;

    @AfterEach
    void stopMail() {
        mail.stop();
        if (database != null) {
            database.destroy();
        }
    }

    @Test
    void everyMessageBecomesExactlyOneTicketAndEndsFlaggedAfterTheJvmIsKilledBetweenCommitAndFlag() {
        Set<String> messageIds = new HashSet<>();
        for (int i = 0; i < MESSAGES; i++) {
            String[] text = TEXTS[i % TEXTS.length].split("\\|");
            String messageId = "<crash-" + i + "@example.org>";
            messageIds.add(messageId);
            mail.deliver(MailChannelIT.mail("user" + i + "@example.org", messageId, text[0] + " (" + i + ")",
                    text[1] + "."));
        }
        // Kept out until the application is up, so that it meets the whole mailbox in one batch.
        mail.support().setPassword("not-yet");
        Map<String, String> env = new HashMap<>(Map.of("TRIAGE_AUTH", "none",
                "DATABASE_URL", "sqlite:///" + dir.resolve("tickets.db"),
                "TRIAGE_KNOWLEDGE_DIR", dir.resolve("knowledge").toString(), "TRIAGE_RATE_LIMIT_PER_MINUTE", "0",
                "ORT_DISABLE_TELEMETRY", "1", "TRIAGE_MAIL_IMAP_URL", mail.imapUrl(),
                "TRIAGE_MAIL_MAX_TICKETS_PER_SENDER_PER_HOUR", "1000",
                // a short lease, so that the restarted process takes the dead one's mailbox over soon
                "TRIAGE_MAIL_TIMEOUT", "2s", "TRIAGE_MAIL_POLL_INTERVAL", "5s", "TRIAGE_MAIL_RETRY_MAX_WAIT", "1s"));

        long takenAtKill;
        Set<String> committedButUnseen = new HashSet<>();
        try (AppProcess app = AppProcess.start(dir.resolve("first"), env)) {
            mail.support().setPassword(Mailboxes.PASSWORD);
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(5))
                    .until(() -> count("SELECT COUNT(*) FROM mail_messages") >= 10);
            app.kill();
            takenAtKill = count("SELECT COUNT(*) FROM mail_messages");
            Set<String> unseen = mail.unseenMessageIds();
            jdbc().sql("SELECT m.message_id FROM mail_messages m JOIN tickets t ON t.id = m.ticket_id")
                    .query(String.class).list().stream().filter(unseen::contains).forEach(committedButUnseen::add);
        }
        System.out.printf("killed with %d of %d messages taken in, %d of them committed but not flagged seen%n",
                takenAtKill, MESSAGES, committedButUnseen.size());
        assertThat(takenAtKill).as("killed while taking the mailbox in").isLessThan(MESSAGES);
        assertThat(committedButUnseen).as("messages whose ticket was committed but which were not flagged yet")
                .isNotEmpty();

        try (AppProcess app = AppProcess.start(dir.resolve("second"), env)) {
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(250))
                    .until(() -> mail.allSeen() && count("SELECT COUNT(*) FROM mail_messages") == MESSAGES);
            assertThat(app.log()).doesNotContain("set aside");
        }

        List<String> recorded = jdbc().sql("SELECT message_id FROM mail_messages WHERE outcome = 'ticket'")
                .query(String.class).list();
        assertThat(recorded).hasSize(MESSAGES).containsExactlyInAnyOrderElementsOf(messageIds);
        assertThat(count("SELECT COUNT(*) FROM tickets WHERE channel = 'email'")).isEqualTo(MESSAGES);
        assertThat(count("SELECT COUNT(DISTINCT requester_email) FROM tickets WHERE channel = 'email'"))
                .as("one ticket per sender, each sender wrote once").isEqualTo(MESSAGES);
        assertThat(count("SELECT COUNT(*) FROM mail_messages m LEFT JOIN tickets t ON t.id = m.ticket_id "
                + "WHERE t.id IS NULL")).as("every recorded message has its ticket").isZero();
        assertThat(mail.unseenMessageIds()).isEmpty();
    }

    private long count(String sql) {
        return jdbc().sql(sql).query(Long.class).single();
    }

    /** One connection for the whole test, opened once the application has created the database. */
    private JdbcClient jdbc() {
        if (database == null) {
            try {
                String url = DatabaseUrl.parse("sqlite:///" + dir.resolve("tickets.db")).jdbcUrl();
                database = new SingleConnectionDataSource(DriverManager.getConnection(url), true);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        return JdbcClient.create(database);
    }
}
