package io.tickettriage.mail;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;

import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.tickettriage.support.FreePorts;

/** A GreenMail SMTP and IMAP server on loopback with the support mailbox, on ports that stay the same across restarts. */
final class Mailboxes {

    static final String SUPPORT = "support@example.com";
    static final String LOGIN = "support";
    static final String PASSWORD = "secret";

    final int smtpPort = FreePorts.next();
    final int imapPort = FreePorts.next();
    private GreenMail server;

    Mailboxes start() {
        server = new GreenMail(new ServerSetup[] {new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        server.start();
        server.setUser(SUPPORT, LOGIN, PASSWORD);
        return this;
    }

    void stop() {
        server.stop();
    }

    String imapUrl() {
        return "imap://" + LOGIN + ":" + PASSWORD + "@127.0.0.1:" + imapPort + "/INBOX";
    }

    String smtpUrl() {
        return "smtp://127.0.0.1:" + smtpPort;
    }

    GreenMailUser support() {
        return server.getUserManager().getUser(LOGIN);
    }

    /** Puts a message, given as its raw text, into the support mailbox, as an MTA would. */
    MimeMessage deliver(String raw) {
        try {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
                    new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
            support().deliver(message);
            return message;
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What was sent to this address over SMTP. */
    List<MimeMessage> to(String address) {
        return server.findReceivedMessages(user -> user.getEmail().equalsIgnoreCase(address), message -> true)
                .toList();
    }

    /** Whether every message in the support mailbox is flagged seen. */
    boolean allSeen() {
        try {
            for (var message : server.getManagers().getImapHostManager().getInbox(support()).getMessages()) {
                if (!message.getFlags().contains(Flags.Flag.SEEN)) {
                    return false;
                }
            }
            return true;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The Message-IDs of the support mailbox's messages that are not flagged seen. */
    java.util.Set<String> unseenMessageIds() {
        try {
            java.util.Set<String> ids = new java.util.HashSet<>();
            for (var message : server.getManagers().getImapHostManager().getInbox(support()).getMessages()) {
                if (!message.getFlags().contains(Flags.Flag.SEEN)) {
                    ids.add(message.getMimeMessage().getMessageID());
                }
            }
            return ids;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String header(MimeMessage message, String name) {
        try {
            return message.getHeader(name, null);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
