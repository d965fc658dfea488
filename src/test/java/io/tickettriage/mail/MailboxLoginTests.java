package io.tickettriage.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Logging in to GreenMail's IMAP server, through a relay that records what the client sent: with the URL's password,
 * or with SASL XOAUTH2 and an OAuth2 access token from a file or a command. GreenMail accepts XOAUTH2 with the user's
 * password as the token.
 */
class MailboxLoginTests {

    private final Mailboxes mail = new Mailboxes();
    private Relay relay;

    @TempDir
    Path dir;

    @BeforeEach
    void start() throws Exception {
        mail.start();
        relay = new Relay(mail.imapPort);
    }

    @AfterEach
    void stop() {
        relay.close();
        mail.stop();
    }

    @Test
    void logsInWithXoauth2AndATokenFromAFileReadAgainAtEveryLogin() throws Exception {
        Path token = Files.writeString(dir.resolve("token"), Mailboxes.PASSWORD + "\n");
        MailboxLogin login = login("imap://support@127.0.0.1:" + relay.port() + "/INBOX",
                Map.of("triage.mail.oauth2-token-file", token.toString()));

        try (Store store = login.connect()) {
            assertThat(store.isConnected()).isTrue();
        }
        assertThat(relay.sent()).contains(" AUTHENTICATE XOAUTH2").doesNotContain(" LOGIN ");

        // the token was refreshed (here: to one the server refuses) and the next login uses the new one
        Files.writeString(token, "expired");
        assertThatThrownBy(login::connect).isInstanceOf(AuthenticationFailedException.class);
        Files.writeString(token, Mailboxes.PASSWORD);
        try (Store store = login.connect()) {
            assertThat(store.isConnected()).isTrue();
        }
        assertThat(login.whatToCheck()).contains("TRIAGE_MAIL_OAUTH2_TOKEN_FILE (" + token + ")");
    }

    @Test
    void takesTheTokenFromACommandAndSaysWhenTheCommandFails() throws Exception {
        String url = "imap://support@127.0.0.1:" + relay.port() + "/INBOX";
        try (Store store = login(url, Map.of("triage.mail.oauth2-token-command", "printf '%s\\n' "
                + Mailboxes.PASSWORD)).connect()) {
            assertThat(store.isConnected()).isTrue();
        }
        assertThat(relay.sent()).contains(" AUTHENTICATE XOAUTH2");

        assertThatThrownBy(() -> login(url, Map.of("triage.mail.oauth2-token-command", "exit 3")).connect())
                .isInstanceOf(MessagingException.class).hasMessageContaining("exited with status 3");
        assertThatThrownBy(() -> login(url, Map.of("triage.mail.oauth2-token-command", "true")).connect())
                .isInstanceOf(MessagingException.class).hasMessageContaining("empty access token");
    }

    @Test
    void withoutATokenTheUrlsUserAndPasswordLogIn() throws Exception {
        MailboxLogin login = login("imap://support:" + Mailboxes.PASSWORD + "@127.0.0.1:" + relay.port() + "/INBOX",
                Map.of());
        try (Store store = login.connect()) {
            assertThat(store.isConnected()).isTrue();
        }
        assertThat(relay.sent()).doesNotContain("XOAUTH2");
        assertThat(login.whatToCheck()).isEqualTo("check the user and password in TRIAGE_MAIL_IMAP_URL");
    }

    @Test
    void aTokenFileAndACommandTogetherAreRefused() {
        assertThatThrownBy(() -> login("imap://support@127.0.0.1:143/INBOX", Map.of(
                "triage.mail.oauth2-token-file", "/run/token", "triage.mail.oauth2-token-command", "cat /run/token")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("both set");
    }

    private static MailboxLogin login(String url, Map<String, String> settings) {
        MailProperties properties = new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("triage.mail", MailProperties.class);
        return new MailboxLogin(MailUrl.imap(url, "TRIAGE_MAIL_IMAP_URL"), AccessToken.of(properties),
                Duration.ofSeconds(5));
    }
}
