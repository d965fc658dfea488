package io.tickettriage.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class HeldOutCalibrationTests {

    private static final LinearRouter.Settings SETTINGS = new LinearRouter.Settings(5, 0.9, 5, 1.0, 0.5, 1);
    private static final List<String> LABELS = List.of("A", "B");

    /** Twenty rows, ten per label, scored right by a clear margin but for rows 9 and 19. */
    private static double[][] heldOut() {
        double[][] scores = new double[20][];
        for (int i = 0; i < scores.length; i++) {
            boolean a = i < 10;
            boolean wrong = i % 10 == 9;
            scores[i] = a != wrong ? new double[] {1.5, -1.5} : new double[] {-1.5, 1.5};
        }
        return scores;
    }

    private static int[] truth() {
        int[] truth = new int[20];
        for (int i = 10; i < truth.length; i++) {
            truth[i] = 1;
        }
        return truth;
    }

    @Test
    void measuresTheHeldOutAccuracyAndChoosesAThresholdPerLabel() {
        HeldOutCalibration fitted = HeldOutCalibration.fit(heldOut(), truth(), new boolean[20], LABELS,
                Map.of("A", 10, "B", 10), SETTINGS, null);

        assertThat(fitted.crossValidation().accuracy()).isCloseTo(0.9, within(1e-12));
        assertThat(fitted.crossValidation().thresholds()).containsOnlyKeys("A", "B");
        assertThat(fitted.thresholds()).containsExactly(fitted.crossValidation().thresholds().get("A"),
                fitted.crossValidation().thresholds().get("B"));
        assertThat(fitted.lexicalCalibration()).as("no row was scored on lexical features alone").isNull();
    }

    @Test
    void aLabelWithTooFewRowsIsNeverRouted() {
        HeldOutCalibration fitted = HeldOutCalibration.fit(heldOut(), truth(), new boolean[20], LABELS,
                Map.of("A", 10, "B", 4), SETTINGS, null);

        assertThat(fitted.thresholds()[1]).isEqualTo(Thresholds.NEVER);
        assertThat(fitted.thresholds()[0]).isNotEqualTo(Thresholds.NEVER);
    }

    @Test
    void rowsScoredOnLexicalFeaturesAloneGetACalibrationOfTheirOwn() {
        double[][] scores = heldOut();
        boolean[] lexicalOnly = new boolean[20];
        for (int i = 0; i < 20; i += 2) {
            lexicalOnly[i] = true;
            // the lexical-only rows' scores are on a scale of their own
            scores[i] = new double[] {scores[i][0] * 10, scores[i][1] * 10};
        }

        HeldOutCalibration fitted = HeldOutCalibration.fit(scores, truth(), lexicalOnly, LABELS,
                Map.of("A", 10, "B", 10), SETTINGS, null);

        assertThat(fitted.lexicalCalibration()).isNotNull();
        assertThat(fitted.lexicalCalibration().temperature()).isNotEqualTo(fitted.calibration().temperature());
    }
}
