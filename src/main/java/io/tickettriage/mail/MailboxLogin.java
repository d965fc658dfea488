package io.tickettriage.mail;

import java.time.Duration;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;

import org.jspecify.annotations.Nullable;

/**
 * Logging in to the mailbox: with the URL's user and password, or, when an {@link AccessToken} is configured, with
 * SASL XOAUTH2 and the token (the only mechanism tried then, so that a token is never sent as a plain password).
 */
final class MailboxLogin {

    private final MailUrl mailbox;
    private final @Nullable AccessToken token;
    private final Session session;

    MailboxLogin(MailUrl mailbox, @Nullable AccessToken token, Duration timeout) {
        this.mailbox = mailbox;
        this.token = token;
        Properties properties = mailbox.sessionProperties(timeout.toMillis());
        if (token != null) {
            properties.put("mail." + mailbox.protocol() + ".auth.mechanisms", "XOAUTH2");
        }
        this.session = Session.getInstance(properties);
    }

    /** An open, logged-in connection to the mailbox's server; the caller closes it. */
    Store connect() throws MessagingException {
        Store imap = session.getStore(mailbox.protocol());
        try {
            imap.connect(mailbox.host(), mailbox.port(), mailbox.user(),
                    token == null ? mailbox.password() : token.read());
            return imap;
        } catch (MessagingException | RuntimeException e) {
            try {
                imap.close();
            } catch (MessagingException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    /** What to check when the server refuses the login. */
    String whatToCheck() {
        return token == null ? "check the user and password in TRIAGE_MAIL_IMAP_URL"
                : "check the user in TRIAGE_MAIL_IMAP_URL and the access token from " + token.source();
    }

    boolean usesAccessToken() {
        return token != null;
    }
}
