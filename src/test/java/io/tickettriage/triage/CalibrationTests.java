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

    @Test
    void perTeamCalibrationLiftsATeamWhoseScoresRunLow() {
        // Team 2's own rows score it 0.8 lower than the others score theirs: one temperature cannot see that.
        java.util.Random random = new java.util.Random(4);
        int n = 600;
        double[][] decisions = new double[n][];
        int[] truth = new int[n];
        for (int i = 0; i < n; i++) {
            truth[i] = i % 3;
            decisions[i] = new double[3];
            for (int c = 0; c < 3; c++) {
                decisions[i][c] = random.nextGaussian() * 0.4 - 1 + (c == truth[i] ? (c == 2 ? 1.2 : 2) : 0);
            }
        }

        Calibration shared = Calibration.fit(decisions, truth);
        Calibration perTeam = Calibration.perTeam(decisions, truth);

        assertThat(Calibration.logLoss(decisions, truth, perTeam)).isLessThan(Calibration.logLoss(decisions, truth,
                shared));
        double[] teamTwoRow = {-1, -1, 0.2};
        assertThat(perTeam.probabilities(teamTwoRow)[2]).isGreaterThan(shared.probabilities(teamTwoRow)[2]);
        assertThat(perTeam.offsets()[2]).isGreaterThan(perTeam.offsets()[0]);
    }
}
