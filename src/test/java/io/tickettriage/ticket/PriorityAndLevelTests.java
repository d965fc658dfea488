package io.tickettriage.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PriorityAndLevelTests {

    @ParameterizedTest
    @CsvSource({"Low,LOW", "medium,MEDIUM", "HIGH,HIGH", " Urgent ,URGENT", "Normal,MEDIUM", "normal,MEDIUM"})
    void readsPrioritiesIncludingTheLegacyNormal(String input, Priority expected) {
        assertThat(Priority.parse(input)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Critical", "P1", "Lowest"})
    void refusesUnknownPriorities(String input) {
        assertThat(Priority.parse(input)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"Tier 1,TIER_1", "tier 2,TIER_2", "Level 3 Support,TIER_3", "Level 1 Support,TIER_1", "L2,TIER_2"})
    void readsTiersIncludingTheLegacyLevelNSupport(String input, Level expected) {
        assertThat(Level.parse(input)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Tier 4", "Level 0 Support", "expert"})
    void refusesUnknownTiers(String input) {
        assertThat(Level.parse(input)).isEmpty();
    }

    @Test
    void writesTheContractsLabels() {
        assertThat(Priority.MEDIUM.label()).isEqualTo("Medium");
        assertThat(Level.TIER_2.label()).isEqualTo("Tier 2");
        assertThat(TicketStatus.ROUTED.value()).isEqualTo("routed");
    }
}
