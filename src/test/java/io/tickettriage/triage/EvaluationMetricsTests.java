package io.tickettriage.triage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class EvaluationMetricsTests {

    private static final List<String> TRUTH = List.of("Network", "Network", "Network", "Printers", "Printers", "Legal");
    private static final List<String> PREDICTED = List.of("Network", "Network", "Printers", "Printers", "Network",
            "Network");
    private static final boolean[] ROUTED = {true, true, true, false, true, false};

    @Test
    @SuppressWarnings("unchecked")
    void scoresAccuracyPerLabelFiguresAndTheRoutedShare() {
        Map<String, Object> report = new EvaluationMetrics(TRUTH, List.of("Network", "Printers"), PREDICTED, ROUTED,
                0.9).report();

        assertThat(report.get("accuracy")).isEqualTo(0.5);
        Map<String, Object> perClass = (Map<String, Object>) report.get("per_class");
        // Network: 2 of 4 predictions right, 2 of 3 found; Printers: 1 of 2 and 1 of 2; Legal: never predicted
        assertThat((Map<String, Object>) perClass.get("Network")).containsEntry("precision", 0.5)
                .containsEntry("recall", 0.6667).containsEntry("f1", 0.5714).containsEntry("support", 3L);
        assertThat((Map<String, Object>) perClass.get("Printers")).containsEntry("f1", 0.5);
        assertThat((Map<String, Object>) perClass.get("Legal")).containsEntry("f1", 0.0).containsEntry("support", 1L);
        assertThat(report.get("macro_f1")).isEqualTo(0.3571);
        // four routed, two of them right
        assertThat((Map<String, Object>) report.get("auto_routed")).containsEntry("coverage", 0.6667)
                .containsEntry("precision", 0.5).containsEntry("target_precision", 0.9);
        Map<String, Object> confusion = (Map<String, Object>) report.get("confusion_matrix");
        assertThat(confusion.get("labels")).isEqualTo(List.of("Legal", "Network", "Printers"));
        assertThat((long[][]) confusion.get("matrix")).isEqualTo(new long[][] {{0, 1, 0}, {0, 2, 1}, {0, 1, 1}});
    }

    @Test
    void aLabelNeitherInTheTestFileNorPredictedDoesNotLowerTheMacroF1() {
        Map<String, Object> known = new EvaluationMetrics(TRUTH, List.of("Network"), PREDICTED, ROUTED, 0.9).report();
        Map<String, Object> unseen = new EvaluationMetrics(TRUTH, List.of("Network", "Facilities"), PREDICTED, ROUTED,
                0.9).report();

        assertThat(unseen.get("macro_f1")).isEqualTo(known.get("macro_f1"));
    }

    @Test
    void printsTheSummaryAndTheConfusionMatrix() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        new EvaluationMetrics(TRUTH, List.of(), PREDICTED, ROUTED, 0.9)
                .print(new PrintStream(bytes, true, StandardCharsets.UTF_8));

        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains(
                "accuracy 0.5000   macro-F1 0.3571   (6 test tickets, 3 labels)",
                "auto-routed at target precision 0.90: coverage 0.6667, precision 0.5000",
                "confusion matrix", "      0      2      1");
    }

    @Test
    void namesEachRowOfTheMatrixSinceItHoldsLabelsWithoutTestTicketsToo() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        new EvaluationMetrics(TRUTH, List.of("Facilities"), PREDICTED, ROUTED, 0.9)
                .print(new PrintStream(bytes, true, StandardCharsets.UTF_8));

        String printed = bytes.toString(StandardCharsets.UTF_8);
        String matrix = printed.substring(printed.indexOf("confusion matrix"));
        assertThat(matrix.lines().skip(1).filter(line -> !line.isBlank()).count()).isEqualTo(4);
        assertThat(matrix).containsPattern("(?m)^Facilities\\s+0\\s+0\\s+0\\s+0$");
    }

    @Test
    void roundsFiguresToFourPlaces() {
        assertThat(EvaluationMetrics.round(2.0 / 3)).isEqualTo(0.6667);
        assertThat(EvaluationMetrics.round(0.12344)).isEqualTo(0.1234);
    }
}
