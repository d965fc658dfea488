package io.tickettriage.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickettriage.connector.zammad.FakeZammad;
import io.tickettriage.connector.zammad.FakeZammadEndpoint;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/** Zammad in suggest mode: even a confident decision is only a note for the agents; group and priority stay. */
@TestPropertySource(properties = {"triage.zammad.token=" + ZammadSuggestModeIT.TOKEN,
        "triage.zammad.webhook-secret=" + ZammadSuggestModeIT.SECRET, "triage.zammad.mode=suggest",
        "triage.zammad.poll-interval=1h"})
@Import(FakeZammadEndpoint.class)
class ZammadSuggestModeIT extends HelpdeskFixture {

    static final String TOKEN = "suggest-token-5d2e";
    static final String SECRET = "suggest-hook-secret";

    @Autowired
    FakeZammad zammad;

    ZammadSuggestModeIT() {
        super("zammad");
    }

    @Test
    void aConfidentDecisionBecomesAnInternalNoteWithTheReasonAndNothingElseChanges() {
        long zammadId = zammad.open("Laptop screen flickers after docking",
                "Since this morning my external monitor flickers whenever the laptop is docked.", "Users", "2 normal");
        String payload = zammad.webhookPayload(zammadId);
        long ticketId = takenIn(webhook(payload, ZammadSignatures.signed(SECRET, payload)));

        await().atMost(WAIT).until(() -> !zammad.internalNotes(zammadId).isEmpty());

        assertThat(ticket(ticketId).get("assigned_to").asString()).isEqualTo("Hardware Team");
        assertThat(zammad.internalNotes(zammadId)).singleElement().asString()
                .startsWith("Ticket Triage suggests group \"Hardware Team\", priority \"")
                .contains("confidence").contains("Similar past tickets:")
                .doesNotContain("below the team's threshold");
        assertThat(zammad.group(zammadId)).isEqualTo("Users");
        assertThat(zammad.calls("PUT", "/api/v1/tickets")).isEmpty();
        awaitWriteBack(zammadId, "done");
    }
}
