package io.tickettriage.triage;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import io.tickettriage.knowledge.EmbeddingModel;
import io.tickettriage.knowledge.LabelledCsv.Row;
import io.tickettriage.llm.LlmMode;
import io.tickettriage.llm.LlmProperties;
import io.tickettriage.llm.LlmStage;

import org.jspecify.annotations.Nullable;

/**
 * One {@code eval} run: embeds the history, trains the service's router on it, scores the test rows, applies the
 * service's similarity refusals, and adds what the options ask for (out-of-scope tickets, priority and level, the LLM
 * stage). Every vector is computed once here and handed to each step that needs it.
 */
final class EvaluationRun {

    /** The router trained on the history, and the history's vectors (null entries without an embedding model). */
    private record Trained(LinearRouter router, List<float @Nullable []> vectors, double seconds) {
    }

    /** The test rows' vectors, what the history holds near each (null without the embedding), and probabilities. */
    private record Scored(List<float @Nullable []> vectors,
            List<ScopeEvaluation.@Nullable Neighbourhood> neighbourhoods, List<double[]> probabilities,
            double seconds) {
    }

    private final EvaluationInput input;
    private final LlmStage stage;
    private final LlmProperties llmSettings;
    private final PrintStream out;

    EvaluationRun(EvaluationInput input, LlmStage stage, LlmProperties llmSettings, PrintStream out) {
        this.input = input;
        this.stage = stage;
        this.llmSettings = llmSettings;
        this.out = out;
    }

    /** Runs the evaluation, printing as it goes; returns the report. */
    Map<String, Object> evaluate() throws IOException {
        LinearRouter.Settings settings = input.routerSettings();
        // The LLM's similar examples are found by the embedding model, as in the service, even when the router
        // itself does without it.
        boolean retrieve = stage.mode() != LlmMode.OFF && llmSettings.examples() > 0;
        EmbeddingModel local = input.embed() || retrieve ? EmbeddingModel.local() : null;
        VectorCache cache = local != null && input.vectorCache() != null
                ? VectorCache.open(local, Path.of(input.vectorCache())) : null;
        EmbeddingModel model = cache != null ? cache : local;
        if (model != null) {
            settings = settings.readingOnly(model.languages());
        }
        Trained trained = train(model, settings);
        LinearRouter router = trained.router();
        ScopeEvaluation scope = input.embed() ? new ScopeEvaluation(input.train().rows(), trained.vectors(),
                router.labels(), input.minSimilarity(), OutOfScope.load(model::embed, model.languages()),
                model.languages()) : null;
        Scored scored = classify(router, model, scope, settings.threads());
        Map<String, Object> report = routingReport(router, trained, scored, scope, model, settings.threads());
        if (scope != null && input.outOfScope() != null) {
            report.put("out_of_scope", scope.outOfScope(input.outOfScope(), input.textColumns(), router, model,
                    settings.threads(), out));
        }
        List<Row> test = input.test().rows();
        if (input.scoresPriority()) {
            report.put("priority", SeverityEvaluation.score("priority", input.train().rows(), trained.vectors(), test,
                    scored.vectors(), Row::priority, settings, out));
        }
        if (input.scoresLevel()) {
            report.put("level", SeverityEvaluation.score("level", input.train().rows(), trained.vectors(), test,
                    scored.vectors(), Row::level, settings, out));
        }
        if (stage.mode() != LlmMode.OFF) {
            Map<String, Object> llm = new LlmComparison(stage, llmSettings, out).compare(input.train().rows(),
                    retrieve ? trained.vectors() : null, retrieve ? model : null, input.minExamples(), test, router,
                    scored.probabilities());
            report.put("llm", llm);
            LlmComparison.print(report, llm, out);
        }
        if (cache != null) {
            out.printf(Locale.ROOT, "vector cache %s: %,d vectors read, %,d now%s%n", input.vectorCache(),
                    cache.reused(), cache.size(), cache.size() > cache.reused() ? " (written)" : "");
            cache.save();
        }
        return report;
    }

    /** The team figures, overall and per language, as the report holds and prints them. */
    private Map<String, Object> routingReport(LinearRouter router, Trained trained, Scored scored,
            @Nullable ScopeEvaluation scope, @Nullable EmbeddingModel model, int threads) throws IOException {
        List<Row> test = input.test().rows();
        List<String> truth = test.stream().map(Row::label).toList();
        EvaluationMetrics metrics = EvaluationMetrics.of(truth, router, scored.probabilities());
        Map<String, Object> report = metrics.report();
        // Without the embedding the service cannot apply its similarity refusals either, and the threshold's
        // figures are the policy's.
        boolean[] routedByPolicy = scope != null ? applyPolicy(scope, router, scored, report)
                : routedByThreshold(router, scored.probabilities());
        List<String> predicted = scored.probabilities().stream()
                .map(p -> router.labels().get(LinearRouter.argmax(p))).toList();
        report.put("language_source", input.languageSource());
        report.put("by_language", EvaluationReport.byLanguage(truth, router, predicted, routedByPolicy,
                input.languages()));
        EvaluationReport.describeRun(report, input.train().rows().size(), test.size(),
                input.embed() ? model.id() : null, trained.seconds(), scored.seconds(), threads, router);
        EvaluationReport.print(metrics, report, scope != null, test.size(), scored.seconds(), threads, out);
        return report;
    }

    private Trained train(@Nullable EmbeddingModel model, LinearRouter.Settings settings) {
        long start = System.nanoTime();
        List<Row> rows = input.train().rows();
        List<float[]> vectors = embed(model, rows, settings.threads());
        List<LinearRouter.Sample> samples = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            samples.add(new LinearRouter.Sample(row.text(), input.embed() ? vectors.get(i) : null, row.label()));
        }
        LinearRouter router = LinearRouter.train(samples, settings, message -> out.println("  " + message));
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf(Locale.ROOT, "trained in %.1f s%n", seconds);
        return new Trained(router, vectors, seconds);
    }

    /**
     * Scores the test rows as the service would: each row's history neighbourhood is found once, and serves both the
     * vote of its nearest rows (when the router votes) and the policy's refusals.
     */
    private Scored classify(LinearRouter router, @Nullable EmbeddingModel model, @Nullable ScopeEvaluation scope,
            int threads) {
        long start = System.nanoTime();
        List<Row> rows = input.test().rows();
        List<float[]> vectors = input.embed() ? Parallel.map(rows, threads, row -> model.embed(row.text()))
                : Collections.nCopies(rows.size(), null);
        int voters = ScopeEvaluation.voters(router);
        List<ScopeEvaluation.Neighbourhood> neighbourhoods = scope == null ? Collections.nCopies(rows.size(), null)
                : Parallel.map(indices(rows.size()), threads,
                        i -> scope.neighbourhood(rows.get(i), vectors.get(i), voters));
        List<double[]> probabilities = Parallel.map(indices(rows.size()), threads,
                i -> scope == null ? router.probabilities(rows.get(i).text(), vectors.get(i))
                        : ScopeEvaluation.probabilities(router, rows.get(i), vectors.get(i), neighbourhoods.get(i)));
        return new Scored(vectors, neighbourhoods, probabilities, (System.nanoTime() - start) / 1e9);
    }

    /**
     * The service's similarity refusals (unlike every example, out of scope) on top of the thresholds: reports the
     * share routed at each step and the first tickets refused as out of scope; returns which tickets the policy
     * routes.
     */
    private boolean[] applyPolicy(ScopeEvaluation scope, LinearRouter router, Scored scored,
            Map<String, Object> report) {
        List<Row> test = input.test().rows();
        List<double[]> probabilities = scored.probabilities();
        List<ScopeEvaluation.Verdict> verdicts = indices(test.size()).stream()
                .map(i -> scope.check(test.get(i), scored.vectors().get(i),
                        LinearRouter.argmax(probabilities.get(i)),
                        scored.neighbourhoods().get(i))).toList();
        List<String> truth = test.stream().map(Row::label).toList();
        boolean[] withoutCheck = new boolean[truth.size()];
        boolean[] routed = new boolean[truth.size()];
        List<String> predicted = new ArrayList<>();
        for (int i = 0; i < truth.size(); i++) {
            boolean confident = EvaluationMetrics.autoRouted(router, probabilities.get(i));
            withoutCheck[i] = confident && verdicts.get(i).refusal() != ScopeEvaluation.Refusal.UNLIKE_ANY_EXAMPLE;
            routed[i] = confident && verdicts.get(i).refusal() == ScopeEvaluation.Refusal.NONE;
            predicted.add(router.labels().get(LinearRouter.argmax(probabilities.get(i))));
        }
        List<String> refused = new ArrayList<>();
        for (int i = 0; i < truth.size(); i++) {
            if (withoutCheck[i] && !routed[i] && refused.size() < 100) {
                refused.add(test.get(i).title() + " (" + truth.get(i) + "): " + verdicts.get(i).reason());
            }
        }
        report.put("refused_as_out_of_scope", refused);
        report.put("auto_routed_by_threshold_only", report.get("auto_routed"));
        report.put("auto_routed_without_out_of_scope_check", new EvaluationMetrics(truth, router.labels(), predicted,
                withoutCheck, router.targetPrecision()).report().get("auto_routed"));
        report.put("auto_routed", new EvaluationMetrics(truth, router.labels(), predicted, routed,
                router.targetPrecision()).report().get("auto_routed"));
        return routed;
    }

    private static boolean[] routedByThreshold(LinearRouter router, List<double[]> probabilities) {
        boolean[] routed = new boolean[probabilities.size()];
        for (int i = 0; i < routed.length; i++) {
            routed[i] = EvaluationMetrics.autoRouted(router, probabilities.get(i));
        }
        return routed;
    }

    private List<float[]> embed(@Nullable EmbeddingModel model, List<Row> rows, int threads) {
        if (model == null) {
            return Collections.nCopies(rows.size(), null);
        }
        long start = System.nanoTime();
        AtomicInteger done = new AtomicInteger();
        List<float[]> vectors = Parallel.map(rows, threads, (Row row) -> {
            float[] vector = model.embed(row.text());
            int n = done.incrementAndGet();
            if (n % 5_000 == 0) {
                out.printf(Locale.ROOT, "  embedded %,d/%,d (%.0f per second)%n", n, rows.size(),
                        n / ((System.nanoTime() - start) / 1e9));
            }
            return vector;
        });
        out.printf(Locale.ROOT, "  embedded %,d texts in %.1f s%n", rows.size(), (System.nanoTime() - start) / 1e9);
        return vectors;
    }

    private static List<Integer> indices(int count) {
        return IntStream.range(0, count).boxed().toList();
    }
}
