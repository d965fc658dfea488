package io.tickettriage.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

class TicketJsonTests {

    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();

    @Test
    void writesConfidenceRoundedToFourDecimals() {
        assertThat(json(0.93118472035).get("confidence").asString()).isEqualTo("0.9312");
        assertThat(json(0.99995).get("confidence").asString()).isEqualTo("1.0");
    }

    @Test
    void writesZeroConfidenceAsANumberForATicketNotScored() {
        JsonNode confidence = json(0.0).get("confidence");
        assertThat(confidence.isNumber()).isTrue();
        assertThat(confidence.doubleValue()).isZero();
    }

    @Test
    void writesTheLanguageTheTicketIsWrittenIn() {
        Ticket german = new Ticket(1, "Mein Drucker druckt nicht mehr", "Seit heute früh kommt nur noch Papierstau.",
                Instant.EPOCH, Instant.EPOCH, Priority.MEDIUM, Level.TIER_1, "", 0.0, TicketStatus.PENDING, null, null,
                List.of(), null, null, null, null, null, "api", null, null, null, null, null, null, false);
        assertThat(JSON.readTree(JSON.writeValueAsString(german)).get("language").asString()).isEqualTo("de");
        assertThat(json(0.5).get("language").isNull()).isTrue();
    }

    @Test
    void aRequesterSeesDuplicatesAmongTheirOwnTicketsOnly() {
        List<PossibleDuplicate> duplicates = List.of(new PossibleDuplicate(2, 0.99, "alice"),
                new PossibleDuplicate(3, 0.98, "bob"), new PossibleDuplicate(4, 0.97, null));
        Ticket alices = ticket("alice", duplicates);

        assertThat(alices.asSeenByItsRequester().possibleDuplicates()).extracting(PossibleDuplicate::id)
                .containsExactly(2L);
        assertThat(ticket(null, duplicates).asSeenByItsRequester().possibleDuplicates()).isEmpty();
        Ticket ownOnly = ticket("alice", duplicates.subList(0, 1));
        assertThat(ownOnly.asSeenByItsRequester()).isSameAs(ownOnly);
    }

    private static Ticket ticket(String createdBy, List<PossibleDuplicate> duplicates) {
        return new Ticket(1, "Printer jams", "", Instant.EPOCH, Instant.EPOCH, Priority.MEDIUM, Level.TIER_1,
                "IT", 0.9, TicketStatus.ROUTED, null, null, duplicates, null, createdBy, null, null, null, "api", null,
                null, null, null, null, null, false);
    }

    private static JsonNode json(double confidence) {
        Ticket ticket = new Ticket(1, "Printer jams", "", Instant.EPOCH, Instant.EPOCH, Priority.MEDIUM, Level.TIER_1,
                "", confidence, TicketStatus.PENDING, null, null, List.of(), null, null, null, null, null, "api",
                null, null, null, null, null, null, false);
        return JSON.readTree(JSON.writeValueAsString(ticket));
    }
}
