package io.tickettriage.mail;

import java.util.Date;
import java.util.Properties;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/** Sends notifications through the SMTP server of {@code TRIAGE_MAIL_SMTP_URL}. */
final class MailSender {

    private final MailUrl server;
    private final InternetAddress from;
    private final Session session;

    MailSender(MailUrl server, String from, long timeoutMillis) throws MessagingException {
        this.server = server;
        this.from = new InternetAddress(from, true);
        Properties properties = server.sessionProperties(timeoutMillis);
        properties.put("mail.transport.protocol", server.protocol());
        // Bounces go to the product's own address, whose mail is never taken in as a ticket.
        properties.put("mail." + server.protocol() + ".from", this.from.getAddress());
        this.session = Session.getInstance(properties);
    }

    void send(MailStore.Outgoing mail) throws MessagingException {
        MimeMessage message = new ThreadedMessage(session, mail.messageId());
        message.setFrom(from);
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(mail.recipient(), true));
        message.setSubject(mail.subject(), "UTF-8");
        message.setText(mail.body(), "UTF-8");
        message.setSentDate(new Date());
        if (mail.inReplyTo() != null) {
            message.setHeader("In-Reply-To", mail.inReplyTo());
        }
        if (mail.references() != null) {
            message.setHeader("References", mail.references());
        }
        // RFC 3834: an automatic message, which auto-responders must not answer; Exchange's own form of the same
        message.setHeader("Auto-Submitted", mail.kind().equals("received") ? "auto-replied" : "auto-generated");
        message.setHeader("X-Auto-Response-Suppress", "All");
        message.saveChanges();
        try (Transport transport = session.getTransport(server.protocol())) {
            transport.connect(server.host(), server.port(), server.user(), server.password());
            transport.sendMessage(message, message.getAllRecipients());
        }
    }

    /** A message that keeps the Message-ID it was given, which replies are matched by. */
    private static final class ThreadedMessage extends MimeMessage {

        private final String messageId;

        ThreadedMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
