package io.tickettriage.triage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class SameLanguageTests {

    private static final Set<String> ENGLISH_MODEL = Set.of("en");

    @Test
    void comparesEveryExampleWhenTheModelReadsEveryLanguage() {
        assertThat(SameLanguage.of("Mein Drucker druckt nicht mehr", "", Set.of())).isNull();
        assertThat(SameLanguage.nearest(List.of("a", "b", "c"), 2, null, s -> "de")).containsExactly("a", "b");
    }

    @Test
    void aTextWhoseLanguageCannotBeToldIsComparedInTheModelsLanguage() {
        assertThat(SameLanguage.of("Lorem ipsum dolor sit amet", "", ENGLISH_MODEL)).isEqualTo("en");
        assertThat(SameLanguage.of("Mein Drucker druckt nicht mehr", "", ENGLISH_MODEL)).isEqualTo("de");
    }

    @Test
    void keepsTheNearestExamplesInTheTicketsLanguageInOrder() {
        List<String> nearest = List.of("es:1", "en:2", "es:3", "en:4", "en:5");

        assertThat(SameLanguage.nearest(nearest, 2, "en", s -> s.substring(0, 2))).containsExactly("en:2", "en:4");
        assertThat(SameLanguage.nearest(nearest, 7, "es", s -> s.substring(0, 2))).containsExactly("es:1", "es:3");
    }

    @Test
    void findsNoEvidenceWhenNoneOfTheNearestIsInTheTicketsLanguage() {
        List<String> nearest = List.of("es:1", "es:2", "fr:3");

        assertThat(SameLanguage.nearest(nearest, 2, "de", s -> s.substring(0, 2))).isEmpty();
    }
}
