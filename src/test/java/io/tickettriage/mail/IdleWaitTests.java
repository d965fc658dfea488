package io.tickettriage.mail;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.UUID;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;

import org.eclipse.angus.mail.imap.IMAPFolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Waiting in IMAP IDLE against GreenMail, through a TCP relay that can go silent the way a NAT that dropped the
 * connection does: nothing arrives any more, and neither end is told.
 */
class IdleWaitTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    /** A deadline for each wait, far longer than what it should take, far shorter than the bounds that could end it. */
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private final Mailboxes mail = new Mailboxes();
    private Relay relay;
    private Store store;
    private IMAPFolder folder;

    @BeforeEach
    void connect() throws Exception {
        mail.start();
        relay = new Relay(mail.imapPort);
        MailUrl url = MailUrl.imap(mail.imapUrl().replace(":" + mail.imapPort + "/", ":" + relay.port() + "/"),
                "TRIAGE_MAIL_IMAP_URL");
        store = Session.getInstance(url.sessionProperties(TIMEOUT.toMillis())).getStore(url.protocol());
        store.connect(url.host(), url.port(), url.user(), url.password());
        folder = (IMAPFolder) store.getFolder("INBOX");
        folder.open(Folder.READ_WRITE);
    }

    @AfterEach
    void close() throws Exception {
        try {
            store.close();
        } catch (MessagingException e) {
            // already broken by the test
        }
        relay.close();
        mail.stop();
    }

    @Test
    void greenMailOffersIdle() throws Exception {
        org.assertj.core.api.Assertions.assertThat(IdleWait.offeredBy(store)).isTrue();
    }

    @Test
    void aNewMessageEndsTheWait() {
        IdleWait idle = new IdleWait(TIMEOUT);
        Thread.ofVirtual().start(() -> {
            awaitIdleStarted();
            mail.deliver(MailChannelIT.mail("a@example.org", "<" + UUID.randomUUID() + "@x>", "New", "Text"));
        });
        assertTimeoutPreemptively(DEADLINE, () -> idle.await(folder, Duration.ofMinutes(10)));
    }

    @Test
    void theWaitEndsAtItsBoundOnALiveConnectionWhichStaysUsable() throws Exception {
        IdleWait idle = new IdleWait(TIMEOUT);
        assertTimeoutPreemptively(DEADLINE, () -> idle.await(folder, Duration.ofMillis(200)));
        assertThatCode(folder::getMessageCount).doesNotThrowAnyException();
        org.assertj.core.api.Assertions.assertThat(folder.isOpen()).isTrue();
    }

    @Test
    void aConnectionDroppedSilentlyIsFoundAtTheBoundAndReportedBroken() {
        IdleWait idle = new IdleWait(TIMEOUT);
        Thread.ofVirtual().start(() -> {
            awaitIdleStarted();
            relay.silence();
        });
        assertTimeoutPreemptively(DEADLINE, () -> assertThatThrownBy(() -> idle.await(folder, Duration.ofSeconds(2)))
                .isInstanceOf(MessagingException.class));
    }

    @Test
    void stopEndsTheWait() {
        IdleWait idle = new IdleWait(TIMEOUT);
        Thread.ofVirtual().start(() -> {
            awaitIdleStarted();
            idle.stop();
        });
        assertTimeoutPreemptively(DEADLINE, () -> idle.await(folder, Duration.ofMinutes(10)));
    }

    /** The relay has seen the client's IDLE command go by. */
    private void awaitIdleStarted() {
        org.awaitility.Awaitility.await().atMost(DEADLINE).until(() -> relay.sent().contains(" IDLE\r\n"));
    }
}
