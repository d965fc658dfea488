package io.tickettriage.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TicketTextTests {

    @Test
    void joinsTitleAndDescription() {
        assertThat(TicketText.of("Printer jam", "Tray 2 is stuck")).isEqualTo("Printer jam. Tray 2 is stuck");
    }

    @Test
    void dropsLinksAndEmailAddresses() {
        assertThat(TicketText.of("VPN", "see https://intranet.example.com/vpn?x=1 or mail jane.doe@example.com now"))
                .isEqualTo("VPN. see or mail now");
    }

    @Test
    void dropsQuotedRepliesAndControlCharacters() {
        String description = "Still broken\u0007 today\n> earlier message\n-----Original Message-----\nFrom: x";
        assertThat(TicketText.of("Re: laptop", description)).isEqualTo("Re: laptop. Still broken today");
    }

    @Test
    void capsTheLength() {
        assertThat(TicketText.of("t", "word ".repeat(5_000))).hasSize(TicketText.MAX_CHARS);
    }

    @Test
    void toleratesMissingDescription() {
        assertThat(TicketText.of("Only a title", null)).isEqualTo("Only a title.");
    }
}
