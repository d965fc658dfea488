package io.tickettriage.triage;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ThresholdsTests {

    @Test
    void choosesTheLowestProbabilityThatStillReachesTheTarget() {
        // 20 right answers above 0.89, then only wrong ones: two wrong in 22 routed still meet 90%, three do not.
        double[] p = new double[30];
        boolean[] right = new boolean[30];
        for (int i = 0; i < 20; i++) {
            p[i] = 0.99 - i * 0.005;
            right[i] = true;
        }
        for (int i = 20; i < 30; i++) {
            p[i] = 0.7 - (i - 20) * 0.01;
            right[i] = false;
        }

        double threshold = Thresholds.choose(p, right, 0.9);

        assertThat(threshold).isEqualTo(p[21]);
    }

    @Test
    void neverRoutesWhenTheTargetIsOutOfReach() {
        double[] p = new double[20];
        boolean[] right = new boolean[20];
        for (int i = 0; i < 20; i++) {
            p[i] = 0.99 - i * 0.01;
            right[i] = i % 3 != 1;
        }

        assertThat(Thresholds.choose(p, right, 0.9)).isEqualTo(Thresholds.NEVER);
    }

    @Test
    void aHandfulOfLuckyPredictionsIsNotEnough() {
        assertThat(Thresholds.choose(new double[] {0.95, 0.9, 0.85}, new boolean[] {true, true, true}, 0.9))
                .isEqualTo(Thresholds.NEVER);
        double[] many = new double[12];
        boolean[] right = new boolean[12];
        java.util.Arrays.fill(many, 0.8);
        java.util.Arrays.fill(right, true);
        assertThat(Thresholds.choose(many, right, 0.9)).isEqualTo(0.8);
    }
}
