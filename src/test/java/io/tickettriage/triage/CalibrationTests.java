package io.tickettriage.triage;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CalibrationTests {

    @Test
    void softensOverconfidentScoresThatAreOftenWrong() {
        // Large margins, but the favourite is right only 60% of the time: probabilities must come down.
        double[][] decisions = new double[100][];
        int[] truth = new int[100];
        for (int i = 0; i < 100; i++) {
            decisions[i] = new double[] {3, -3};
            truth[i] = i < 60 ? 0 : 1;
        }

        Calibration calibration = Calibration.fit(decisions, truth);

        assertThat(calibration.probabilities(new double[] {3, -3})[0]).isCloseTo(0.6, within(0.02));
    }

    @Test
    void sharpensSmallMarginsThatAreAlwaysRight() {
        double[][] decisions = new double[50][];
        int[] truth = new int[50];
        for (int i = 0; i < 50; i++) {
            decisions[i] = i % 2 == 0 ? new double[] {0.2, -0.2} : new double[] {-0.2, 0.2};
            truth[i] = i % 2;
        }

        Calibration calibration = Calibration.fit(decisions, truth);

        assertThat(calibration.temperature()).isLessThan(0.1);
        assertThat(calibration.probabilities(new double[] {0.2, -0.2})[0]).isGreaterThan(0.95);
    }
}
