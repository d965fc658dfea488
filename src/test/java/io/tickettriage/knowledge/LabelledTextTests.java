package io.tickettriage.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LabelledTextTests {

    @Test
    void anExampleLosesAnyNulCharacterWhichPostgresCannotStoreAndIsTheSameExampleWithout() {
        LabelledText imported = new LabelledText("Hardware\u0000 Team", "Printer\u0000 jammed", "\u0000paper", null,
                null, "csv");
        LabelledText clean = new LabelledText("Hardware Team", "Printer jammed", "paper", null, null, "csv");

        assertThat(imported.title()).isEqualTo("Printer jammed");
        assertThat(imported.contentHash("model")).isEqualTo(clean.contentHash("model"));
    }
}
