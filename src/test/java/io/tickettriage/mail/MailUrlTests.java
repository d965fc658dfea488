package io.tickettriage.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MailUrlTests {

    @Test
    void readsUserPasswordHostPortAndFolder() {
        MailUrl url = MailUrl.imap("imaps://support%40example.com:p%3Ass+w@mail.example.com/Support/Inbox", "X");
        assertThat(url.protocol()).isEqualTo("imaps");
        assertThat(url.user()).isEqualTo("support@example.com");
        assertThat(url.password()).isEqualTo("p:ss+w");
        assertThat(url.host()).isEqualTo("mail.example.com");
        assertThat(url.port()).isEqualTo(993);
        assertThat(url.folderOrInbox()).isEqualTo("Support/Inbox");
    }

    @Test
    void defaultsToTheInboxAndTheProtocolsPort() {
        assertThat(MailUrl.imap("imap://u:p@localhost", "X").folderOrInbox()).isEqualTo("INBOX");
        assertThat(MailUrl.imap("imap://u:p@localhost", "X").port()).isEqualTo(143);
        assertThat(MailUrl.smtp("smtp://localhost", "X").port()).isEqualTo(25);
        assertThat(MailUrl.smtp("smtp://localhost:2525", "X").port()).isEqualTo(2525);
    }

    @Test
    void neverShowsThePassword() {
        assertThat(MailUrl.imap("imap://support:secret@localhost:143/INBOX", "X").toString())
                .isEqualTo("imap://support@localhost:143/INBOX").doesNotContain("secret");
    }

    @Test
    void refusesOtherSchemesWithTheSettingsName() {
        assertThatThrownBy(() -> MailUrl.imap("pop3://localhost", "TRIAGE_MAIL_IMAP_URL"))
                .hasMessageContaining("TRIAGE_MAIL_IMAP_URL");
    }

    @Test
    void asksForStartTlsOnPlainConnectionsAndNeverMarksMessagesSeenByReadingThem() {
        var properties = MailUrl.imap("imap://u:p@localhost", "X").sessionProperties(1000);
        assertThat(properties.getProperty("mail.imap.starttls.enable")).isEqualTo("true");
        assertThat(properties.getProperty("mail.imap.peek")).isEqualTo("true");
        assertThat(properties.getProperty("mail.imap.timeout")).isEqualTo("1000");
    }
}
