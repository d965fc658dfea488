package io.tickettriage.triage;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Scores of a test set in {@code eval}: accuracy, macro-F1, per-label figures, the confusion matrix and the share
 * routed automatically, computed once and then reported or printed.
 */
final class EvaluationMetrics {

    private final List<String> labels;
    private final long[][] confusion;
    private final int routed;
    private final int routedRight;
    private final int total;
    private final double target;
    private final int right;

    static EvaluationMetrics of(List<String> truth, LinearRouter router, List<double[]> probabilities) {
        List<String> predicted = new ArrayList<>(truth.size());
        boolean[] routed = new boolean[truth.size()];
        for (int i = 0; i < truth.size(); i++) {
            predicted.add(router.labels().get(LinearRouter.argmax(probabilities.get(i))));
            routed[i] = autoRouted(router, probabilities.get(i));
        }
        return new EvaluationMetrics(truth, router.labels(), predicted, routed, router.targetPrecision());
    }

    /** Whether the local engine routes a ticket with these probabilities, rather than send it to Manual Review. */
    static boolean autoRouted(LinearRouter router, double[] probabilities) {
        int best = LinearRouter.argmax(probabilities);
        return probabilities[best] >= router.threshold(best);
    }

    /** A figure as the report gives it: four decimal places. */
    static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }

    /**
     * @param predicted  the best guess for each ticket, scored for accuracy and F1 whether routed or not
     * @param autoRouted whether each ticket was routed automatically, scored for coverage and precision
     */
    EvaluationMetrics(List<String> truth, List<String> known, List<String> predicted, boolean[] autoRouted,
            double target) {
        TreeSet<String> all = new TreeSet<>(truth);
        all.addAll(known);
        all.addAll(predicted);
        labels = List.copyOf(all);
        confusion = new long[labels.size()][labels.size()];
        int routedCount = 0;
        int routedCorrect = 0;
        int correct = 0;
        for (int i = 0; i < truth.size(); i++) {
            boolean ok = predicted.get(i).equals(truth.get(i));
            correct += ok ? 1 : 0;
            confusion[labels.indexOf(truth.get(i))][labels.indexOf(predicted.get(i))]++;
            if (autoRouted[i]) {
                routedCount++;
                routedCorrect += ok ? 1 : 0;
            }
        }
        routed = routedCount;
        routedRight = routedCorrect;
        right = correct;
        total = truth.size();
        this.target = target;
    }

    Map<String, Object> report() {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("accuracy", round((double) right / total));
        Map<String, Object> perClass = new LinkedHashMap<>();
        double f1Sum = 0;
        int scored = 0;
        for (int c = 0; c < labels.size(); c++) {
            long tp = confusion[c][c];
            long support = Arrays.stream(confusion[c]).sum();
            long predicted = 0;
            for (long[] row : confusion) {
                predicted += row[c];
            }
            if (support == 0 && predicted == 0) {
                continue;
            }
            double precision = predicted == 0 ? 0 : (double) tp / predicted;
            double recall = support == 0 ? 0 : (double) tp / support;
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            f1Sum += f1;
            scored++;
            perClass.put(labels.get(c), Map.of("precision", round(precision), "recall", round(recall),
                    "f1", round(f1), "support", support));
        }
        report.put("macro_f1", round(f1Sum / Math.max(1, scored)));
        report.put("per_class", perClass);
        report.put("confusion_matrix", Map.of("labels", labels, "matrix", confusion));
        report.put("auto_routed", Map.of("target_precision", target,
                "coverage", round((double) routed / total),
                "precision", round(routed == 0 ? 0 : (double) routedRight / routed)));
        return report;
    }

    @SuppressWarnings("unchecked")
    void print(PrintStream out) {
        Map<String, Object> report = report();
        out.printf(Locale.ROOT, "%naccuracy %.4f   macro-F1 %.4f   (%,d test tickets, %d labels)%n",
                report.get("accuracy"), report.get("macro_f1"), total, labels.size());
        Map<String, Object> auto = (Map<String, Object>) report.get("auto_routed");
        out.printf(Locale.ROOT, "auto-routed at target precision %.2f: coverage %.4f, precision %.4f%n%n",
                target, auto.get("coverage"), auto.get("precision"));
        int width = Math.min(40, labels.stream().mapToInt(String::length).max().orElse(5) + 2);
        out.printf(Locale.ROOT, "%-" + width + "s %9s %9s %9s %8s%n", "label", "precision", "recall", "f1",
                "support");
        ((Map<String, Object>) report.get("per_class")).forEach((label, figures) -> {
            Map<String, Object> f = (Map<String, Object>) figures;
            out.printf(Locale.ROOT, "%-" + width + "s %9.4f %9.4f %9.4f %8d%n", shown(label, width), f.get("precision"),
                    f.get("recall"), f.get("f1"), f.get("support"));
        });
        if (labels.size() <= 12) {
            // every label of the history, with or without test tickets, so the columns are the rows' labels
            out.println("\nconfusion matrix (rows: truth, columns: predicted, in the rows' order)");
            for (int r = 0; r < labels.size(); r++) {
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-" + width + "s",
                        shown(labels.get(r), width)));
                for (long cell : confusion[r]) {
                    line.append(String.format(Locale.ROOT, "%7d", cell));
                }
                out.println(line);
            }
        }
    }

    /** {@code label} cut to fit a column of {@code width} characters, with {@code ~} where it was cut. */
    private static String shown(String label, int width) {
        return label.length() > width - 1 ? label.substring(0, width - 2) + "~" : label;
    }
}
