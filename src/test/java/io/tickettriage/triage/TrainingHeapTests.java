package io.tickettriage.triage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TrainingHeapTests {

    private static final long MB = 1024 * 1024;

    @Test
    void aModelHoldsADoublePerLabelAndColumnOrOneRowForTwoLabels() {
        assertThat(TrainingHeap.modelBytes(75, 95_997)).isEqualTo(8L * 75 * 95_998);
        assertThat(TrainingHeap.modelBytes(2, 1_000)).isEqualTo(8L * 1_001);
    }

    @Test
    void foldsRunAtOnceOnlyAsTheFreeHeapHoldsThemBesideTheFinalModel() {
        long model = 58 * MB;
        assertThat(TrainingHeap.threads(4, model, 3_072 * MB, 200 * MB)).isEqualTo(4);
        assertThat(TrainingHeap.threads(2, model, 384 * MB, 200 * MB)).isEqualTo(2);
        assertThat(TrainingHeap.threads(2, model, 320 * MB, 200 * MB)).isEqualTo(1);
        // never none: training tries, and says what heap it needs if it runs out
        assertThat(TrainingHeap.threads(2, model, 192 * MB, 180 * MB)).isEqualTo(1);
    }

    @Test
    void theAdviceNamesTheSizesAndAHeapThatHoldsThreeModelsMore() {
        String advice = TrainingHeap.advice(4_284, 75, 95_997, 192 * MB, 120 * MB);

        assertThat(advice).contains("4,284 examples of 75 labels", "75 x 95,998 weights (54 MB)", "120 MB in use",
                "limit is 192 MB", "JAVA_OPTS=-Xmx320m", "docs/operations.md#memory");
    }
}
