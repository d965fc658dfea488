package io.tickettriage.triage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScoreTextTests {

    @Test
    void writesTwoDecimalsWhenTheyTellScoreAndThresholdApart() {
        assertThat(ScoreText.routed("Network Team", 0.8312, 0.6049))
                .isEqualTo("Network Team with confidence 0.83 (threshold 0.60)");
        assertThat(ScoreText.belowThreshold("HR Team", 0.41, 0.6))
                .isEqualTo("Not confident enough: HR Team scored 0.41, below its threshold 0.60");
    }

    @Test
    void writesMoreDecimalsWhenTwoWouldMakeAScoreBelowItsThresholdLookEqualToIt() {
        assertThat(ScoreText.belowThreshold("Software Team", 0.5784, 0.5848))
                .isEqualTo("Not confident enough: Software Team scored 0.578, below its threshold 0.585");
        assertThat(ScoreText.belowThreshold("Software Team", 0.58481, 0.58484))
                .isEqualTo("Not confident enough: Software Team scored 0.5848, below its threshold 0.5848");
    }

    @Test
    void neverWritesAProbabilityShortOfOneAsOne() {
        assertThat(ScoreText.routed("Hardware Team", 0.9989, 0.7)).contains("confidence 0.999 (threshold 0.700)");
        assertThat(ScoreText.routed("Hardware Team", 0.99999, 0.7)).contains("confidence 0.9999 (threshold 0.7000)");
        assertThat(ScoreText.routed("Hardware Team", 1.0, 0.7)).contains("confidence 1.00 (threshold 0.70)");
    }
}
