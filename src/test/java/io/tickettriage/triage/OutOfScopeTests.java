package io.tickettriage.triage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class OutOfScopeTests {

    private final OutOfScope scope = new OutOfScope(List.of(
            new OutOfScope.Reference("facilities", "The office chair is broken", new float[] {1, 0, 0}),
            new OutOfScope.Reference("catering", "The coffee machine is empty", new float[] {0, 1, 0})));

    @Test
    void aTicketCloserToARequestNoTeamOwnsThanToTheTeamsExamplesIsOutOfScopeWithTheReason() {
        float[] chairLike = unit(0.9f, 0.1f, 0.4f);

        String reason = scope.reason(chairLike, "Hardware Team", 0.45);

        assertThat(reason).startsWith("Out of scope: reads like a facilities request")
                .contains("The office chair is broken", "Hardware Team", "0.45");
    }

    @Test
    void aTicketCloserToTheTeamsOwnExampleIsInScope() {
        float[] chairLike = unit(0.9f, 0.1f, 0.4f);

        assertThat(scope.reason(chairLike, "Facilities Team", 0.95)).isNull();
    }

    @Test
    void theShippedReferencesCoverSeveralKindsOfRequest() {
        OutOfScope shipped = OutOfScope.load(text -> new float[] {1, 0, 0});

        assertThat(shipped.size()).isGreaterThanOrEqualTo(50);
    }

    /** {@code v} scaled to length 1, as the embedding's vectors are. */
    static float[] unit(float... v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        float[] u = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            u[i] = (float) (v[i] / Math.sqrt(norm));
        }
        return u;
    }
}
