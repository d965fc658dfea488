package io.tickettriage.triage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class OutOfScopeTests {

    private final OutOfScope scope = new OutOfScope(List.of(
            new OutOfScope.Reference("facilities", "The office chair is broken", "en", new float[] {1, 0, 0}),
            new OutOfScope.Reference("catering", "The coffee machine is empty", "en", new float[] {0, 1, 0}),
            new OutOfScope.Reference("catering", "Die Kaffeemaschine ist leer", "de", new float[] {0, 0, 1})),
            Set.of("en"));

    @Test
    void aTicketCloserToARequestNoTeamOwnsThanToTheTeamsExamplesIsOutOfScopeWithTheReason() {
        float[] chairLike = unit(0.9f, 0.1f, 0.4f);

        String reason = scope.reason(chairLike, "en", "Hardware Team", 0.45);

        assertThat(reason).startsWith("Out of scope: reads like a facilities request")
                .contains("The office chair is broken", "Hardware Team", "0.45");
    }

    @Test
    void aTicketCloserToTheTeamsOwnExampleIsInScope() {
        float[] chairLike = unit(0.9f, 0.1f, 0.4f);

        assertThat(scope.reason(chairLike, "en", "Facilities Team", 0.95)).isNull();
    }

    @Test
    void aTicketIsComparedWithTheReferencesInItsLanguageOnly() {
        float[] coffeeLike = unit(0.1f, 0.1f, 0.9f);

        assertThat(scope.reason(coffeeLike, "de", "Hardware Team", 0.45)).contains("Die Kaffeemaschine ist leer");
        assertThat(scope.reason(coffeeLike, "en", "Hardware Team", 0.45)).as("the German reference is not compared")
                .isNull();
        assertThat(scope.reason(coffeeLike, "fr", "Hardware Team", 0.45)).as("no French reference is near").isNull();
        assertThat(scope.reason(coffeeLike, null, "Hardware Team", 0.45)).as("a model that reads every language")
                .contains("Die Kaffeemaschine ist leer");
    }

    @Test
    void aTicketInALanguageTheModelDoesNotReadMustBeClearlyCloserToAReference() {
        // 0.50 similar to the German reference; the team's closest example 0.45: refused in English (margin 0.03),
        // not in German (0.12), where the model's similarities are mostly noise
        float[] ticket = {0, (float) Math.sqrt(0.75), 0.5f};
        OutOfScope english = new OutOfScope(List.of(new OutOfScope.Reference("catering", "Coffee", "en",
                new float[] {0, 0, 1})), Set.of("en"));

        assertThat(english.reason(ticket, "en", "Hardware Team", 0.45)).isNotNull();
        assertThat(scope.reason(ticket, "de", "Hardware Team", 0.45)).isNull();
        assertThat(scope.reason(ticket, "de", "Hardware Team", 0.37)).contains("Die Kaffeemaschine ist leer");
    }

    @Test
    void theShippedReferencesCoverSeveralKindsOfRequest() {
        OutOfScope shipped = OutOfScope.load(text -> new float[] {1, 0, 0}, Set.of("en"));

        assertThat(shipped.size()).isGreaterThanOrEqualTo(100);
        // every language the starter teams have examples in has references of its own, each marked as such
        for (String language : List.of("en", "de", "fr", "es")) {
            assertThat(shipped.references().stream().filter(r -> r.language().equals(language)).count())
                    .as(language).isGreaterThanOrEqualTo(20);
        }
        assertThat(shipped.references()).filteredOn(r -> r.text().startsWith("Die Heizung"))
                .extracting(OutOfScope.Reference::language).containsExactly("de");
        assertThat(shipped.references()).filteredOn(r -> r.text().startsWith("L'ascenseur"))
                .extracting(OutOfScope.Reference::language).containsExactly("fr");
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
