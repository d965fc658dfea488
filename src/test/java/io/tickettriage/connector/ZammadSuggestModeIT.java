package io.tickettriage.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tickettriage.connector.zammad.FakeZammad;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/** Zammad in suggest mode: even a confident decision is only a note for the agents; group and priority stay. */
@TestPropertySource(properties = {"triage.zammad.token=" + ZammadSuggestModeIT.TOKEN,
        "triage.zammad.webhook-secret=" + ZammadSuggestModeIT.SECRET, "triage.zammad.mode=suggest",
        "triage.zammad.poll-interval=1h"})
class ZammadSuggestModeIT extends HelpdeskFixture {

    static final String TOKEN = "suggest-token-5d2e";
    static final String SECRET = "suggest-hook-secret";
    static final FakeZammad ZAMMAD = new FakeZammad(TOKEN);

    @DynamicPropertySource
    static void zammad(DynamicPropertyRegistry registry) {
        registry.add("triage.zammad.url", ZAMMAD::url);
    }

    @AfterAll
    static void stopZammad() {
        ZAMMAD.close();
    }

    ZammadSuggestModeIT() {
        super("zammad");
    }

    @Test
    void aConfidentDecisionBecomesAnInternalNoteWithTheReasonAndNothingElseChanges() {
        long zammadId = ZAMMAD.open("Laptop screen flickers after docking",
                "Since this morning my external monitor flickers whenever the laptop is docked.", "Users", "2 normal");
        String payload = ZAMMAD.webhookPayload(zammadId);
        long ticketId = takenIn(webhook(payload, ZammadSignatures.signed(SECRET, payload)));

        await().atMost(WAIT).until(() -> !ZAMMAD.internalNotes(zammadId).isEmpty());

        assertThat(ticket(ticketId).get("assigned_to").asString()).isEqualTo("Hardware Team");
        assertThat(ZAMMAD.internalNotes(zammadId)).singleElement().asString()
                .startsWith("Ticket Triage suggests group \"Hardware Team\", priority \"")
                .contains("confidence").contains("Similar past tickets:")
                .doesNotContain("below the team's threshold");
        assertThat(ZAMMAD.group(zammadId)).isEqualTo("Users");
        assertThat(ZAMMAD.calls("PUT", "/api/v1/tickets")).isEmpty();
        awaitWriteBack(zammadId, "done");
    }
}
