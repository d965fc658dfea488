package io.tickettriage.mail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import io.tickettriage.support.AppProcess;

/**
 * Measures the e-mail channel (bench/mail.sh runs it): an IMAP mailbox on loopback holding {@code N} messages (default
 * 10,000) is connected to a fresh server process, and the rate at which messages are taken in is
 * read from the server's own timestamps ({@code mail_messages.received_at}). Then, with the backlog routed, single
 * messages arrive one at a time and the time from their delivery into the mailbox to their ticket being routed is
 * measured by watching the database every 5 ms. Not a test: run by hand, it takes minutes.
 *
 * <p>The mailbox is the Dovecot that bench/mail.sh started when {@code BENCH_MAILDIR} and {@code BENCH_IMAP_URL} are
 * set (messages are written into its Maildir as files, as a delivery agent does), else GreenMail's IMAP server in this
 * JVM. Notifications go to GreenMail's SMTP server either way.
 */
public final class MailIntakeBench {

    private static final String[] TEXTS = {
        "Laptop screen flickers when docked|The external monitor goes black every few minutes.",
        "VPN drops every 5 minutes|Since this morning the VPN disconnects from home.",
        "Outlook keeps asking for my password|It prompts again right after I enter it.",
        "Printer on floor 3 jams|Every second page jams in tray 2.",
        "I clicked a phishing link|An e-mail asked me to log in and I did.",
        "New starter needs an account|Please create accounts for our new colleague.",
        "Wi-Fi is slow in meeting room B|Video calls freeze all the time.",
        "Excel crashes when opening a large file|The file is 40 MB and Excel closes.",
    };

    public static void main(String[] args) {
        int status = 1;
        try {
            run(args);
            status = 0;
        } catch (Exception e) {
            e.printStackTrace();
        }
        // GreenMail's server threads would keep the JVM alive after a failure
        System.exit(status);
    }

    private static void run(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int arrivals = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        String pollInterval = args.length > 2 ? args[2] : "1s";
        Path dir = Files.createTempDirectory("mail-bench");
        Mailboxes mail = new Mailboxes().start();
        String maildir = System.getenv("BENCH_MAILDIR");
        Inbox inbox = maildir == null ? new Inbox(mail.imapUrl(), mail::deliver, null)
                : new Inbox(System.getenv("BENCH_IMAP_URL"), new Maildir(Path.of(maildir))::deliver, Path.of(maildir));
        Random random = new Random(42);
        long filling = System.nanoTime();
        for (int i = 0; i < messages; i++) {
            inbox.deliver().accept(message(random, i));
        }
        System.out.printf(Locale.ROOT, "%s filled with %d messages in %.1f s; load average %s%n",
                maildir == null ? "GreenMail mailbox" : "Dovecot Maildir", messages,
                (System.nanoTime() - filling) / 1e9, loadAverage());
        Map<String, String> env = Map.of("TRIAGE_AUTH", "none", "TRIAGE_RATE_LIMIT_PER_MINUTE", "0",
                "DATABASE_URL", "sqlite:///" + dir.resolve("tickets.db"),
                "TRIAGE_KNOWLEDGE_DIR", dir.resolve("knowledge").toString(), "TRIAGE_JOBS_MAX_PENDING", "0",
                "TRIAGE_MAIL_IMAP_URL", inbox.imapUrl(), "TRIAGE_MAIL_SMTP_URL", mail.smtpUrl(),
                "TRIAGE_MAIL_FROM", Mailboxes.SUPPORT, "TRIAGE_MAIL_POLL_INTERVAL", pollInterval,
                "TRIAGE_MAIL_MAX_TICKETS_PER_SENDER_PER_HOUR", "1000000");
        try (AppProcess app = AppProcess.start(dir, env, List.of("-Xmx192m", "-XX:+UseSerialGC"));
                Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("tickets.db")
                        + "?busy_timeout=10000")) {
            long deadline = System.nanoTime() + 30L * 60 * 1_000_000_000;
            while (count(db, "SELECT COUNT(*) FROM mail_messages") < messages) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("not all messages taken in after 30 minutes");
                }
                Thread.sleep(500);
            }
            long first = count(db, "SELECT MIN(received_at) FROM mail_messages");
            long last = count(db, "SELECT MAX(received_at) FROM mail_messages");
            long tickets = count(db, "SELECT COUNT(*) FROM tickets WHERE channel = 'email'");
            double seconds = (last - first) / 1000.0;
            System.out.printf(Locale.ROOT, "taken in: %d messages, %d tickets, in %.1f s: %.1f messages/s%n",
                    messages, tickets, seconds, (messages - 1) / seconds);
            while (count(db, "SELECT COUNT(*) FROM tickets WHERE status = 'pending'") > 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("tickets still pending after 30 minutes");
                }
                Thread.sleep(500);
            }
            long routedLast = count(db, "SELECT MAX(updated_at) FROM tickets");
            System.out.printf(Locale.ROOT, "all %d tickets routed %.1f s after the first message was taken in%n",
                    tickets, (routedLast - first) / 1000.0);

            List<Double> latencies = new ArrayList<>();
            List<Double> takenIn = new ArrayList<>();
            for (int i = 0; i < arrivals; i++) {
                String messageId = "<arrival-" + i + "-" + UUID.randomUUID() + "@example.org>";
                String raw = MailChannelIT.mail(
                        "arrival" + i + "@example.org", messageId, "Keyboard missing keys " + i, "F and J.");
                long delivered = System.nanoTime();
                long deliveredAt = System.currentTimeMillis();
                inbox.deliver().accept(raw);
                while (!routed(db, messageId)) {
                    if (System.nanoTime() - delivered > 120L * 1_000_000_000) {
                        throw new IllegalStateException("message " + i + " not routed after 120 s");
                    }
                    Thread.sleep(5);
                }
                latencies.add((System.nanoTime() - delivered) / 1e6);
                // the server's own clock, on this machine: when the message's ticket was committed
                takenIn.add((double) (receivedAt(db, messageId) - deliveredAt));
                Thread.sleep(random.nextInt(500, 1500)); // arrivals at random points of the poll cycle
            }
            Collections.sort(latencies);
            Collections.sort(takenIn);
            String watch = app.api().get("/mail/status").json().path("watch").asString("?");
            System.out.printf(Locale.ROOT, "arrival to routed (new mail noticed by %s, poll interval %s), %d messages:"
                    + " p50 %.0f ms, p90 %.0f ms, max %.0f ms%n", watch, pollInterval, arrivals,
                    percentile(latencies, 0.5), percentile(latencies, 0.9), latencies.getLast());
            System.out.printf(Locale.ROOT, "of which arrival to taken in (ticket committed): p50 %.0f ms, p90 %.0f ms, "
                    + "max %.0f ms%n", percentile(takenIn, 0.5), percentile(takenIn, 0.9), takenIn.getLast());
            if (inbox.maildir() != null) {
                long flagged;
                try (var files = Files.list(inbox.maildir().resolve("cur"))) {
                    flagged = files.filter(file -> file.getFileName().toString().matches(".*:2,[A-Z]*S[A-Z]*"))
                            .count();
                }
                System.out.printf(Locale.ROOT, "%d of %d messages flagged seen in the Maildir%n", flagged,
                        messages + arrivals);
            }
            System.out.println("load average at the end: " + loadAverage());
        } finally {
            mail.stop();
            org.springframework.util.FileSystemUtils.deleteRecursively(dir);
        }
    }

    /** The mailbox under test: its URL, how a message is put into it, and its Maildir when it is Dovecot's. */
    private record Inbox(String imapUrl, java.util.function.Consumer<String> deliver, Path maildir) {
    }

    /** Delivers into a Maildir as a delivery agent does: written under tmp/, then renamed into new/ in one step. */
    private record Maildir(Path root) {

        private static final java.util.concurrent.atomic.AtomicLong SEQUENCE = new java.util.concurrent.atomic
                .AtomicLong();

        void deliver(String raw) {
            String name = (System.currentTimeMillis() / 1000) + ".M" + SEQUENCE.incrementAndGet() + "P"
                    + ProcessHandle.current().pid() + ".bench";
            try {
                Path tmp = Files.writeString(root.resolve("tmp").resolve(name), raw);
                Files.move(tmp, root.resolve("new").resolve(name), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static String message(Random random, int i) {
        String[] text = TEXTS[random.nextInt(TEXTS.length)].split("\\|");
        return MailChannelIT.mail("user" + (i % 500) + "@example.org", "<bench-" + i + "@example.org>",
                (random.nextBoolean() ? "Re: " : "") + text[0] + " REF-" + i, text[1]
                        + "\n\nOn Monday IT wrote:\n> earlier message\n-- \nA. User");
    }

    private static boolean routed(Connection db, String messageId) throws SQLException {
        try (PreparedStatement query = db.prepareStatement("SELECT t.status FROM mail_messages m JOIN tickets t "
                + "ON t.id = m.ticket_id WHERE m.message_id = ?")) {
            query.setString(1, messageId);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() && rs.getString(1).equals("routed");
            }
        }
    }

    private static long receivedAt(Connection db, String messageId) throws SQLException {
        try (PreparedStatement query = db.prepareStatement("SELECT received_at FROM mail_messages "
                + "WHERE message_id = ?")) {
            query.setString(1, messageId);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static long count(Connection db, String sql) throws SQLException {
        try (PreparedStatement query = db.prepareStatement(sql); ResultSet rs = query.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static double percentile(List<Double> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }
}
