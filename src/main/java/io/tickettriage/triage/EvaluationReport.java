package io.tickettriage.triage;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import static io.tickettriage.triage.EvaluationMetrics.round;

/**
 * What {@code eval} reports beyond the test set's scores ({@link EvaluationMetrics}): the figures per language, how
 * the run went (rows, timings, thresholds, calibration), and the printed summary of it all.
 */
final class EvaluationReport {

    private EvaluationReport() {
    }

    /**
     * Accuracy, macro-F1 and auto-routing (the service's policy) per language of the test tickets; a ticket with no
     * language (a blank column, or none detected) counts under {@code unknown}.
     */
    static Map<String, Object> byLanguage(List<String> truth, LinearRouter router, List<String> predicted,
            boolean[] routed, List<String> languages) {
        Map<String, List<Integer>> rows = new TreeMap<>();
        for (int i = 0; i < truth.size(); i++) {
            String language = languages.get(i) == null || languages.get(i).isBlank() ? "unknown" : languages.get(i);
            rows.computeIfAbsent(language, l -> new ArrayList<>()).add(i);
        }
        Map<String, Object> byLanguage = new LinkedHashMap<>();
        rows.forEach((language, indices) -> {
            boolean[] subset = new boolean[indices.size()];
            for (int n = 0; n < subset.length; n++) {
                subset[n] = routed[indices.get(n)];
            }
            Map<String, Object> figures = new EvaluationMetrics(indices.stream().map(truth::get).toList(),
                    router.labels(), indices.stream().map(predicted::get).toList(), subset, router.targetPrecision())
                    .report();
            Map<String, Object> kept = new LinkedHashMap<>();
            kept.put("tickets", indices.size());
            kept.put("accuracy", figures.get("accuracy"));
            kept.put("macro_f1", figures.get("macro_f1"));
            kept.put("auto_routed", figures.get("auto_routed"));
            byLanguage.put(language, kept);
        });
        return byLanguage;
    }

    /**
     * Adds how the run went to the report.
     *
     * @param embeddingModel the id of the router's embedding model, null when it did without
     */
    static void describeRun(Map<String, Object> report, int trainRows, int testRows, @Nullable String embeddingModel,
            double trainSeconds, double classifySeconds, int threads, LinearRouter router) {
        report.put("train_rows", trainRows);
        report.put("test_rows", testRows);
        report.put("embeddings", embeddingModel != null ? embeddingModel : "off");
        NeighbourVote vote = router.vote();
        report.put("model", "linear-svm+tfidf" + (embeddingModel != null ? "+" + embeddingModel : "")
                + ", temperature-calibrated" + (vote != null ? ", nearest examples' vote blended in" : ""));
        report.put("train_seconds", round(trainSeconds));
        report.put("classify_per_second", round(testRows / classifySeconds));
        report.put("classify_threads", threads);
        report.put("thresholds", router.crossValidation().thresholds());
        report.put("cross_validated_accuracy", round(router.crossValidation().accuracy()));
        report.put("calibration_temperature", round(router.calibration().temperature()));
        Map<String, Object> voted = new LinkedHashMap<>();
        if (vote != null) {
            voted.put("neighbours", vote.neighbours());
            voted.put("weight", round(vote.weight()));
            voted.put("temperature", round(vote.calibration().temperature()));
            voted.put("held_out_rows_fixed", vote.fixed());
            voted.put("held_out_rows_broken", vote.broken());
        }
        // null when training kept no vote (or --neighbours 0, or no embedding)
        report.put("neighbour_vote", vote != null ? voted : null);
    }

    /**
     * Prints the scores, the similarity refusals' steps when {@code policy} applied them, the figures per language
     * and the classification speed.
     */
    static void print(EvaluationMetrics metrics, Map<String, Object> report, boolean policy, int tickets,
            double classifySeconds, int threads, PrintStream out) {
        metrics.print(out);
        if (policy) {
            printPolicy(report, out);
        }
        printLanguages(report, out);
        out.printf(Locale.ROOT, "classified %,d tickets in %.1f s: %.0f per second on %d threads%n",
                tickets, classifySeconds, tickets / classifySeconds, threads);
    }

    @SuppressWarnings("unchecked")
    private static void printLanguages(Map<String, Object> report, PrintStream out) {
        Map<String, Object> byLanguage = (Map<String, Object>) report.get("by_language");
        out.printf(Locale.ROOT, "%nper language (%s):%n%-10s %8s %9s %9s %9s %10s%n", report.get("language_source"),
                "language", "tickets", "accuracy", "macro-F1", "coverage", "precision");
        byLanguage.forEach((language, value) -> {
            Map<String, Object> figures = (Map<String, Object>) value;
            Map<String, Object> auto = (Map<String, Object>) figures.get("auto_routed");
            out.printf(Locale.ROOT, "%-10s %8d %9.4f %9.4f %9.4f %10.4f%n", language, figures.get("tickets"),
                    figures.get("accuracy"), figures.get("macro_f1"), auto.get("coverage"), auto.get("precision"));
        });
    }

    @SuppressWarnings("unchecked")
    private static void printPolicy(Map<String, Object> report, PrintStream out) {
        for (String key : List.of("auto_routed_by_threshold_only", "auto_routed_without_out_of_scope_check",
                "auto_routed")) {
            Map<String, Object> auto = (Map<String, Object>) report.get(key);
            out.printf(Locale.ROOT, "%-40s coverage %.4f, precision %.4f%n", switch (key) {
                case "auto_routed_by_threshold_only" -> "routed by thresholds alone:";
                case "auto_routed_without_out_of_scope_check" -> "  + minimum similarity:";
                default -> "  + out-of-scope check (the service):";
            }, auto.get("coverage"), auto.get("precision"));
        }
    }
}
