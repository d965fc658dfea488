package io.tickettriage.mail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.search.FlagTerm;

import org.eclipse.angus.mail.imap.IMAPFolder;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;

/**
 * Watches the support mailbox (IMAP IDLE, else polling) and takes in each unseen message, oldest first: decoded, turned
 * into a ticket or a comment and committed ({@link MailIntake}), and only then flagged seen, a batch at a time. A crash
 * between the commits and the flags leaves the messages unseen; the next pass finds their Message-IDs taken and only
 * flags them.
 *
 * <p>Only one process polls a mailbox: the holder of the lease row, renewed on every pass; another worker takes it
 * over when the lease runs out. A mailbox that cannot be reached or refuses the password is retried with waits that
 * double up to {@code TRIAGE_MAIL_RETRY_MAX_WAIT}, each failure in one log line, and the health shows it.
 */
final class MailboxPoller implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MailboxPoller.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    /** A message whose intake fails this often for a reason other than the database is set aside. */
    private static final int MAX_INTAKE_FAILURES = 3;

    private final MailUrl mailbox;
    private final MailProperties properties;
    private final MailIntake intake;
    private final MailStore store;
    private final MailHealth health;
    private final MailMetrics metrics;
    private final Clock clock;
    private final MailboxLogin login;
    private final String holder = UUID.randomUUID().toString();
    private final Semaphore wake = new Semaphore(0);
    private final IdleWait idleWait;
    private final Map<String, Integer> intakeFailures = new HashMap<>();
    /** False in an API process: only processes that run workers poll. */
    private final boolean pollsInThisProcess;
    private volatile boolean running;
    private @Nullable Thread loop;

    MailboxPoller(MailUrl mailbox, MailProperties properties, MailIntake intake, MailStore store, MailHealth health,
            MailMetrics metrics, Clock clock, boolean pollsInThisProcess) {
        this.pollsInThisProcess = pollsInThisProcess;
        this.mailbox = mailbox;
        this.properties = properties;
        this.intake = intake;
        this.store = store;
        this.health = health;
        this.metrics = metrics;
        this.clock = clock;
        this.login = new MailboxLogin(mailbox, AccessToken.of(properties), properties.timeout());
        this.idleWait = new IdleWait(properties.timeout());
    }

    @Override
    public boolean isAutoStartup() {
        return pollsInThisProcess;
    }

    @Override
    public void start() {
        running = true;
        loop = Thread.ofPlatform().name("mailbox-poller").daemon().start(this::run);
        log.info("Taking mail from {}{}: waiting in IMAP IDLE when the server offers it ({}), else polling every {}",
                mailbox, login.usesAccessToken() ? " (XOAUTH2 login with an OAuth2 access token)" : "",
                properties.idle() ? "on" : "off: TRIAGE_MAIL_IDLE=false", properties.pollInterval());
    }

    @Override
    public void stop() {
        running = false;
        idleWait.stop();
        Thread thread = loop;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(properties.timeout().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            store.releaseLease(holder);
        } catch (DataAccessException e) {
            // the lease runs out by itself
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        Duration retry = FIRST_RETRY;
        while (running) {
            Duration wait = properties.pollInterval();
            boolean wasDown = health.isDown();
            try {
                if (!store.lease(holder, clock.instant(), clock.instant().plus(properties.lease()))) {
                    health.standby();
                } else if (pass()) {
                    wait = Duration.ZERO;
                }
                if (wasDown && !health.isDown()) {
                    log.info("The mailbox {} is reachable again", mailbox);
                }
                retry = FIRST_RETRY;
            } catch (AuthenticationFailedException e) {
                failed("The mailbox " + mailbox + " refused the login (" + e.getMessage() + "): "
                        + login.whatToCheck(), retry);
                wait = retry;
                retry = longer(retry);
            } catch (MessagingException | DataAccessException | IllegalStateException e) {
                failed("Cannot read the mailbox " + mailbox + ": " + e.getClass().getSimpleName() + ": "
                        + e.getMessage(), retry);
                wait = retry;
                retry = longer(retry);
            } catch (RuntimeException e) {
                log.error("Unexpected failure polling the mailbox {}", mailbox, e);
                failed("Unexpected failure: " + e, retry);
                wait = retry;
                retry = longer(retry);
            }
            try {
                if (!wait.isZero()) {
                    wake.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void failed(String message, Duration retry) {
        metrics.failure("mailbox");
        health.down(message);
        log.warn("{}; retrying in {} s", message, retry.toSeconds());
    }

    private Duration longer(Duration retry) {
        Duration doubled = retry.multipliedBy(2);
        return doubled.compareTo(properties.retryMaxWait()) > 0 ? properties.retryMaxWait() : doubled;
    }

    /**
     * One look at the mailbox, then, when the server offers IDLE, a wait on the same connection until new mail
     * arrives (bounded by the poll interval and {@code TRIAGE_MAIL_IDLE_RENEWAL}). True when the mailbox should be
     * looked at again at once: a full batch was taken and more may be waiting, or the wait in IDLE ended.
     */
    private boolean pass() throws MessagingException {
        try (Store imap = login.connect()) {
            Folder folder = imap.getFolder(mailbox.folderOrInbox());
            folder.open(Folder.READ_WRITE);
            try {
                int count = folder.getMessageCount();
                Message[] unseen = folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
                Message[] batch = Arrays.copyOf(unseen, Math.min(unseen.length, properties.batchSize()));
                fetch(folder, batch);
                takeIn(folder, batch);
                boolean idles = properties.idle() && IdleWait.offeredBy(imap);
                health.up(idles ? "idle" : "poll");
                if (unseen.length > batch.length || !running || !idles) {
                    return unseen.length > batch.length;
                }
                if (folder.getMessageCount() == count) {
                    // else mail arrived while this batch was taken in, and was announced before IDLE could
                    idleWait.await((IMAPFolder) folder, idleBound());
                }
                return true;
            } finally {
                if (folder.isOpen()) {
                    folder.close(false);
                }
            }
        }
    }

    private void fetch(Folder folder, Message[] batch) throws MessagingException {
        FetchProfile profile = new FetchProfile();
        profile.add(FetchProfile.Item.ENVELOPE);
        profile.add(FetchProfile.Item.FLAGS);
        profile.add(FetchProfile.Item.SIZE);
        profile.add(UIDFolder.FetchProfileItem.UID);
        folder.fetch(batch, profile);
        // Whole messages within the size bound in one command rather than several round trips for each
        Message[] fitting = Arrays.stream(batch).filter(this::withinSizeBound).toArray(Message[]::new);
        FetchProfile whole = new FetchProfile();
        whole.add(IMAPFolder.FetchProfileItem.MESSAGE);
        folder.fetch(fitting, whole);
    }

    private Duration idleBound() {
        return properties.pollInterval().compareTo(properties.idleRenewal()) < 0 ? properties.pollInterval()
                : properties.idleRenewal();
    }

    /**
     * Takes in a batch, then flags what was committed seen in one command ({@code STORE} over message ranges) rather
     * than one per message. A failure part-way still flags what was committed before it.
     */
    private void takeIn(Folder folder, Message[] batch) throws MessagingException {
        List<Message> taken = new ArrayList<>(batch.length);
        try {
            for (Message message : batch) {
                if (!running) {
                    break;
                }
                if (takeIn(message)) {
                    taken.add(message);
                }
            }
        } catch (MessagingException | RuntimeException e) {
            try {
                flagSeen(folder, taken);
            } catch (MessagingException | RuntimeException flagging) {
                e.addSuppressed(flagging); // they stay unseen; the next pass finds them taken and only flags them
            }
            throw e;
        }
        flagSeen(folder, taken);
    }

    /** Only now, with their tickets or comments committed, are the messages marked as done in the mailbox. */
    private static void flagSeen(Folder folder, List<Message> taken) throws MessagingException {
        if (!taken.isEmpty() && folder.isOpen()) {
            folder.setFlags(taken.toArray(Message[]::new), new Flags(Flags.Flag.SEEN), true);
        }
    }

    /** Takes in one message and commits what it became; false when there was nothing to take. */
    private boolean takeIn(Message message) throws MessagingException {
        if (message.isExpunged() || message.isSet(Flags.Flag.SEEN)) {
            return false;
        }
        Instant now = clock.instant();
        if (!store.lease(holder, now, now.plus(properties.lease()))) {
            throw new IllegalStateException("the mailbox's lease was lost to another process");
        }
        String messageId = MailParser.messageId(message);
        int size = message.getSize();
        if (size > properties.maxMessageSize().toBytes()) {
            intake.setAside(messageId, sender(message), "too-large", "the message has " + size
                    + " bytes, more than TRIAGE_MAIL_MAX_MESSAGE_SIZE (" + properties.maxMessageSize() + ")");
        } else {
            try {
                intake.take(MailParser.parse(message, properties.fromAddress()));
            } catch (DataAccessException e) {
                throw e; // the database, not the message: the whole pass is retried
            } catch (RuntimeException e) {
                int failures = intakeFailures.merge(messageId, 1, Integer::sum);
                if (failures < MAX_INTAKE_FAILURES) {
                    throw new IllegalStateException("mail " + messageId + " could not be taken in: " + e, e);
                }
                intakeFailures.remove(messageId);
                intake.setAside(messageId, sender(message), "unreadable", "it failed " + failures
                        + " times: " + e);
            }
        }
        return true;
    }

    private boolean withinSizeBound(Message message) {
        try {
            return message.getSize() <= properties.maxMessageSize().toBytes();
        } catch (MessagingException e) {
            return false;
        }
    }

    private static @Nullable String sender(Message message) {
        try {
            return message.getFrom() == null || message.getFrom().length == 0 ? null
                    : String.valueOf(message.getFrom()[0]);
        } catch (MessagingException | RuntimeException e) {
            return null;
        }
    }
}
