package io.tickettriage.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MailTextTests {

    @Test
    void titleDropsReplyAndForwardPrefixesInSeveralLanguages() {
        assertThat(MailText.title("Re: RE: Fwd: Printer jammed")).isEqualTo("Printer jammed");
        assertThat(MailText.title("AW: WG: Drucker defekt")).isEqualTo("Drucker defekt");
        assertThat(MailText.title("TR: Fw: re[2]: VPN drops")).isEqualTo("VPN drops");
        assertThat(MailText.title("  Regarding the\r\n  laptop ")).isEqualTo("Regarding the laptop");
        assertThat(MailText.title("Re: ")).isEqualTo(MailText.NO_SUBJECT);
    }

    @Test
    void findsTheTicketNumberInASubject() {
        assertThat(MailText.ticketTag("Re: [#123] Printer jammed")).hasValue(123);
        assertThat(MailText.ticketTag("Printer jammed [#7]")).hasValue(7);
        assertThat(MailText.ticketTag("Printer #123 jammed")).isEmpty();
    }

    @Test
    void turnsHtmlIntoTextWithoutMarkupScriptsOrQuotedBlocks() {
        String html = """
                <html><head><style>p {color: red}</style></head><body>
                <p>My screen &amp; keyboard are dead.</p><p>Since&nbsp;Monday &#8211; please help</p>
                <ul><li>tried reboot</li><li>tried other cable</li></ul>
                <script>alert(1)</script>
                <blockquote>old message</blockquote></body></html>""";
        String text = MailText.htmlToText(html);
        assertThat(text).contains("My screen & keyboard are dead.").contains("Since Monday – please help")
                .contains("- tried reboot").doesNotContain("color").doesNotContain("alert")
                .doesNotContain("old message").doesNotContain("<");
    }

    @Test
    void keepsWhatWasWrittenAboveTheQuotedMessageAndDropsTheSignature() {
        String body = """
                The printer still jams after the fix.

                --\s
                Alice Example
                Accounting, 3rd floor

                On Mon, 3 Mar 2026 at 10:00, Support <support@example.com> wrote:
                > Ticket #12 has been closed.
                """;
        assertThat(MailText.body(body)).isEqualTo("The printer still jams after the fix.");
    }

    @Test
    void removesOutlookReplyHeadersGermanQuotesAndInlineQuotedLines() {
        assertThat(MailText.body("""
                Still broken.

                From: IT Support <support@example.com>
                Sent: Monday, March 3, 2026 10:00
                Subject: [#12] Printer
                Ticket closed.""")).isEqualTo("Still broken.");
        assertThat(MailText.body("""
                Geht wieder nicht.
                Am 03.03.2026 um 10:00 schrieb Support <support@example.com>:
                > Ihr Ticket""")).isEqualTo("Geht wieder nicht.");
        assertThat(MailText.body("> quoted\nmine\n> more quoted")).isEqualTo("mine");
        assertThat(MailText.body("Need a new mouse\n\nSent from my iPhone")).isEqualTo("Need a new mouse");
    }

    @Test
    void keepsAForwardedMessageThatIsTheWholeMail() {
        String body = """
                ---------- Forwarded message ---------
                From: Bob <bob@example.com>
                Subject: VPN

                The VPN drops every five minutes.""";
        assertThat(MailText.body(body)).contains("The VPN drops every five minutes.");
    }
}
