package io.tickettriage.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickettriage.ticket.TicketManagement.NewTicket;

import org.junit.jupiter.api.Test;

class NewTicketTests {

    @Test
    void aTicketFromTheMailboxOrAHelpdeskLosesAnyNulCharacterWhichPostgresCannotStore() {
        NewTicket ticket = NewTicket.byEmail("Printer\u0000 jammed", "since\u0000 this morning\u0000", "a@example.com");

        assertThat(ticket.title()).isEqualTo("Printer jammed");
        assertThat(ticket.description()).isEqualTo("since this morning");
        assertThat(new NewTicket("VPN", "drops", null, null).description()).isEqualTo("drops");
    }
}
