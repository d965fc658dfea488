package io.tickettriage.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

class MailParserTests {

    private static final String OWN = "support@example.com";

    @Test
    void decodesWindows1252QuotedPrintableAndAnRfc2047Subject() throws Exception {
        InboundMail mail = parse("""
                From: =?ISO-8859-1?Q?J=FCrgen_M=FCller?= <Juergen@Example.com>
                Subject: =?ISO-8859-1?Q?Drucker_im_B=FCro?= =?UTF-8?B?4oKsIGthcHV0dA==?=
                Message-ID: <a1@example.com>
                Content-Type: text/plain; charset=windows-1252
                Content-Transfer-Encoding: quoted-printable

                Der Drucker im B=FCro kostet 5 =80 pro Seite =96 bitte pr=FCfen.
                """);
        assertThat(mail.sender()).isEqualTo("juergen@example.com");
        assertThat(mail.subject()).isEqualTo("Drucker im Büro€ kaputt");
        assertThat(mail.text()).isEqualTo("Der Drucker im Büro kostet 5 € pro Seite – bitte prüfen.");
        assertThat(mail.messageId()).isEqualTo("<a1@example.com>");
        assertThat(mail.problems()).isEmpty();
        assertThat(mail.autoReply()).isNull();
    }

    @Test
    void decodesBase64InIso88591() throws Exception {
        String body = java.util.Base64.getMimeEncoder().encodeToString("Mon écran est noir.".getBytes(
                StandardCharsets.ISO_8859_1));
        InboundMail mail = parse("From: a@example.com\nSubject: Ecran\nContent-Type: text/plain; charset=ISO-8859-1\n"
                + "Content-Transfer-Encoding: base64\n\n" + body + "\n");
        assertThat(mail.text()).isEqualTo("Mon écran est noir.");
    }

    @Test
    void readsHtmlOnlyMailAsText() throws Exception {
        InboundMail mail = parse("""
                From: a@example.com
                Subject: HTML
                Content-Type: text/html; charset=UTF-8

                <html><body><p>VPN drops &amp; reconnects</p><div>every 5 minutes</div></body></html>
                """);
        assertThat(mail.text()).isEqualTo("VPN drops & reconnects\nevery 5 minutes");
    }

    @Test
    void prefersThePlainAlternativeAndListsAttachmentsWithoutTheirContent() throws Exception {
        InboundMail mail = parse("""
                From: a@example.com
                Subject: Error
                Content-Type: multipart/mixed; boundary="outer"

                --outer
                Content-Type: multipart/alternative; boundary="alt"

                --alt
                Content-Type: text/plain; charset=UTF-8

                See the screenshot.
                --alt
                Content-Type: text/html; charset=UTF-8

                <p>See the <b>screenshot</b>.</p>
                --alt--
                --outer
                Content-Type: image/png; name="error.png"
                Content-Disposition: attachment; filename="error.png"
                Content-Transfer-Encoding: base64

                iVBORw0KGgo=
                --outer--
                """);
        assertThat(mail.text()).isEqualTo("See the screenshot.");
        assertThat(mail.attachments()).singleElement().satisfies(attachment -> {
            assertThat(attachment.name()).isEqualTo("error.png");
            assertThat(attachment.type()).isEqualTo("image/png");
        });
        assertThat(mail.description()).contains("See the screenshot.").contains("Attachments (not stored):")
                .contains("error.png (image/png");
    }

    @Test
    void keepsWhatDecodesOfAMultipartWithoutItsBoundary() throws Exception {
        InboundMail mail = parse("""
                From: a@example.com
                Subject: Broken
                Content-Type: multipart/mixed

                Keyboard is missing keys.
                """);
        assertThat(mail.subject()).isEqualTo("Broken");
        assertThat(mail.sender()).isEqualTo("a@example.com");
        assertThat(mail.text()).contains("Keyboard is missing keys.");
        assertThat(mail.problems()).isNotEmpty();
    }

    @Test
    void readsAnUnknownCharsetAsUtf8OrWindows1252AndSaysSo() throws Exception {
        InboundMail mail = parseBytes(("From: a@example.com\nSubject: x\nContent-Type: text/plain; charset=x-unknown\n\n"
                + "Caf\u00e9 machine").getBytes(StandardCharsets.ISO_8859_1));
        assertThat(mail.text()).isEqualTo("Café machine");
        assertThat(mail.problems()).singleElement().asString().contains("x-unknown");
    }

    @Test
    void givesAMessageWithoutMessageIdTheSameIdEveryTime() throws Exception {
        String raw = "From: a@example.com\nSubject: no id\n\nhello\n";
        assertThat(parse(raw).messageId()).isEqualTo(parse(raw).messageId()).endsWith("@no-message-id>");
        assertThat(parse(raw.replace("hello", "bye")).messageId()).isNotEqualTo(parse(raw).messageId());
    }

    @Test
    void listsTheMessagesAnsweredNearestFirst() throws Exception {
        InboundMail mail = parse("""
                From: a@example.com
                Subject: Re: [#3] Printer
                In-Reply-To: <second@x>
                References: <first@x>
                 <second@x>

                Thanks
                """);
        assertThat(mail.inReplyTo()).containsExactly("<second@x>", "<first@x>");
    }

    @Test
    void recognisesMailWrittenByMachines() throws Exception {
        assertThat(autoReply("Auto-Submitted: auto-replied\n")).contains("Auto-Submitted");
        assertThat(autoReply("Auto-Submitted: no\n")).isNull();
        assertThat(autoReply("X-Autoreply: yes\n")).contains("X-Autoreply");
        assertThat(autoReply("Precedence: bulk\n")).contains("bulk");
        assertThat(autoReply("Precedence: junk\n")).contains("junk");
        assertThat(autoReply("Precedence: auto_reply\n")).contains("auto_reply");
        assertThat(autoReply("Precedence: list\n")).isNull();
        assertThat(autoReply("Return-Path: <>\n")).contains("bounce");
        assertThat(parse("From: MAILER-DAEMON@mx.example.com\nSubject: Undelivered\n\nx").autoReply())
                .contains("machine address");
        assertThat(parse("From: Support <SUPPORT@example.com>\nSubject: [#1] x\n\nx").autoReply())
                .contains("own address");
        assertThat(parse("""
                From: postmaster@example.org
                Subject: Delivery Status Notification
                Content-Type: multipart/report; report-type=delivery-status; boundary="b"

                --b
                Content-Type: text/plain

                failed
                --b--
                """).autoReply()).isNotNull();
    }

    @Test
    void neverMailsMachinesOrItself() {
        assertThat(LoopGuard.neverMailTo("mailer-daemon@example.com", OWN)).isTrue();
        assertThat(LoopGuard.neverMailTo("no-reply@example.com", OWN)).isTrue();
        assertThat(LoopGuard.neverMailTo("Support@Example.com", OWN)).isTrue();
        assertThat(LoopGuard.neverMailTo("alice@example.com", OWN)).isFalse();
    }

    private static String autoReply(String header) throws Exception {
        return parse("From: alice@example.com\n" + header + "Subject: Out of office\n\nI am away.\n").autoReply();
    }

    static InboundMail parse(String raw) throws Exception {
        return parseBytes(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static InboundMail parseBytes(byte[] raw) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
        return MailParser.parse(message, OWN);
    }
}
