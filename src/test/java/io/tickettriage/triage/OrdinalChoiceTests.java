package io.tickettriage.triage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.tickettriage.ticket.Priority;

import org.junit.jupiter.api.Test;

class OrdinalChoiceTests {

    private static final List<String> LABELS = List.of("HIGH", "LOW", "MEDIUM", "URGENT");

    @Test
    void anUncertainTicketWithMuchSevereProbabilityIsNotLow() {
        // 45% Low is the most probable value, but 40% says High or Urgent: Medium is the fewest steps wrong.
        double[] p = {0.25, 0.45, 0.15, 0.15};

        assertThat(OrdinalChoice.median(LABELS, p, v -> Priority.valueOf(v).ordinal())).isEqualTo("MEDIUM");
    }

    @Test
    void aConfidentPredictionStaysWhatItIs() {
        assertThat(OrdinalChoice.median(LABELS, new double[] {0.05, 0.8, 0.1, 0.05},
                v -> Priority.valueOf(v).ordinal())).isEqualTo("LOW");
        assertThat(OrdinalChoice.median(LABELS, new double[] {0.1, 0.05, 0.1, 0.75},
                v -> Priority.valueOf(v).ordinal())).isEqualTo("URGENT");
    }
}
