package io.tickettriage.triage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import java.util.List;

import org.junit.jupiter.api.Test;

class EvaluationReportTests {

    private static final LinearRouter ROUTER = LinearRouter.train(LinearRouterTests.history(),
            new LinearRouter.Settings(3, 0.9, 5, 1.0, 0.5, 1), message -> { });

    @Test
    @SuppressWarnings("unchecked")
    void scoresEachLanguageOnItsOwnTicketsAndCountsThoseWithoutOneAsUnknown() {
        List<String> truth = List.of("Hardware", "Network", "Network", "Software", "Software");
        List<String> predicted = List.of("Hardware", "Network", "Hardware", "Software", "Hardware");
        boolean[] routed = {true, true, true, false, true};
        List<String> languages = Arrays.asList("en", "de", "de", null, " ");

        Map<String, Object> byLanguage = EvaluationReport.byLanguage(truth, ROUTER, predicted, routed, languages);

        assertThat(byLanguage).containsOnlyKeys("de", "en", "unknown");
        Map<String, Object> german = (Map<String, Object>) byLanguage.get("de");
        assertThat(german).containsEntry("tickets", 2).containsEntry("accuracy", 0.5);
        assertThat((Map<String, Object>) german.get("auto_routed")).containsEntry("coverage", 1.0)
                .containsEntry("precision", 0.5);
        Map<String, Object> unknown = (Map<String, Object>) byLanguage.get("unknown");
        assertThat(unknown).containsEntry("tickets", 2).containsEntry("accuracy", 0.5);
        assertThat((Map<String, Object>) unknown.get("auto_routed")).containsEntry("coverage", 0.5)
                .containsEntry("precision", 0.0);
    }

    @Test
    void describesTheRunWithTheRoutersThresholdsAndCalibration() {
        Map<String, Object> report = new java.util.LinkedHashMap<>();

        EvaluationReport.describeRun(report, 90, 10, null, 1.23456, 0.5, 2, ROUTER);

        assertThat(report).containsEntry("train_rows", 90).containsEntry("test_rows", 10)
                .containsEntry("embeddings", "off").containsEntry("model", "linear-svm+tfidf, temperature-calibrated")
                .containsEntry("train_seconds", 1.2346).containsEntry("classify_per_second", 20.0)
                .containsEntry("thresholds", ROUTER.crossValidation().thresholds());
        EvaluationReport.describeRun(report, 90, 10, "minilm", 1, 1, 2, ROUTER);
        assertThat(report).containsEntry("embeddings", "minilm")
                .containsEntry("model", "linear-svm+tfidf+minilm, temperature-calibrated")
                .containsEntry("neighbour_vote", null);
    }

    @Test
    @SuppressWarnings("unchecked")
    void saysWhetherTrainingKeptTheVoteAndWhatItDidOnTheHeldOutRows() {
        LinearRouter voting = LinearRouter.train(LinearRouterTests.xorHistory(),
                new LinearRouter.Settings(5, 0.9, 5, 1.0, 0.5, 1), message -> { });
        Map<String, Object> report = new java.util.LinkedHashMap<>();

        EvaluationReport.describeRun(report, 80, 10, "minilm", 1, 1, 1, voting);

        assertThat((String) report.get("model")).endsWith(", nearest examples' vote blended in");
        Map<String, Object> vote = (Map<String, Object>) report.get("neighbour_vote");
        assertThat(vote).containsEntry("neighbours", 7).containsEntry("weight", EvaluationMetrics.round(voting.vote().weight()))
                .containsEntry("held_out_rows_fixed", voting.vote().fixed())
                .containsEntry("held_out_rows_broken", voting.vote().broken()).containsKey("temperature");
        assertThat(voting.vote().fixed()).isPositive();
    }
}
