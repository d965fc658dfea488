package io.tickettriage.triage;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.tickettriage.knowledge.EmbeddingModel;
import io.tickettriage.knowledge.LabelledCsv;
import io.tickettriage.knowledge.LabelledCsv.Row;
import io.tickettriage.llm.LlmMode;
import io.tickettriage.llm.LlmProperties;
import io.tickettriage.llm.LlmStage;
import io.tickettriage.llm.LlmStages;
import io.tickettriage.ticket.TicketLanguage;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code eval}: trains the routing model on one labelled CSV (the history), scores another, and reports
 * accuracy, macro-F1, per-label figures, the confusion matrix, and coverage at the precision target with
 * thresholds chosen on the history alone. The model, features, calibration and thresholds are the service's
 * own ({@link LinearRouter}); no web server or database is started. With the LLM stage configured as for the
 * service ({@code OPENAI_API_KEY}, {@code TRIAGE_LLM_*}), the test file is scored a second time with the stage
 * after the local engine, see {@link LlmComparison}.
 */
public final class EvaluateCommand {

    private EvaluateCommand() {
    }

    /**
     * Runs the evaluation; returns the process exit code (2 for settings that cannot work, 1 for a failure).
     *
     * @param options     the command line's options by name ({@code train}, {@code test}, {@code text}, {@code
     *                    label} required; {@code json}, {@code embeddings}, {@code target-precision}, ...), parsed
     *                    and checked by the {@code cli} module
     * @param environment where the LLM stage's settings are read, as the service reads them
     */
    public static int run(Map<String, String> options, Map<String, String> environment, PrintStream out) {
        LlmProperties llmSettings;
        try {
            llmSettings = llmSettings(options, environment);
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
            return 2;
        }
        LlmStage stage = LlmStages.create(llmSettings);
        try {
            if (stage.mode() != LlmMode.OFF) {
                out.println(stage.describe());
            }
            Map<String, Object> report = evaluate(options, stage, llmSettings, out);
            if (options.containsKey("json")) {
                Path json = Path.of(options.get("json"));
                Files.writeString(json, JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build()
                        .writeValueAsString(report));
                out.println("report written to " + json);
            }
            return 0;
        } catch (IOException | IllegalArgumentException e) {
            out.println("eval failed: " + e.getMessage());
            return 1;
        } finally {
            if (stage instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    // Only the HTTP client's connections are left to release, and the process is about to end.
                }
            }
        }
    }

    /** The service's LLM settings from the environment; the options, when given, take precedence. */
    private static LlmProperties llmSettings(Map<String, String> options, Map<String, String> environment) {
        Map<String, String> variables = new java.util.HashMap<>(environment);
        String mode = options.get("llm-mode");
        if (mode != null) {
            if (!List.of("off", "assist", "always").contains(mode.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("--llm-mode must be off, assist or always, not " + mode);
            }
            variables.put("TRIAGE_LLM_MODE", mode.toLowerCase(Locale.ROOT));
        }
        if (options.containsKey("llm-model")) {
            variables.put("TRIAGE_LLM_MODEL", options.get("llm-model"));
        }
        LlmProperties settings;
        try {
            settings = LlmStages.settings(variables);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("invalid LLM settings: " + rootMessage(e), e);
        }
        if (mode != null && !"off".equalsIgnoreCase(mode) && settings.effectiveMode() == LlmMode.OFF) {
            throw new IllegalArgumentException("--llm-mode " + mode + " needs OPENAI_API_KEY, or OPENAI_BASE_URL for"
                    + " a local server that needs no key");
        }
        return settings;
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }

    static Map<String, Object> evaluate(Map<String, String> options, LlmStage stage, LlmProperties llmSettings,
            PrintStream out) throws IOException {
        List<String> textColumns = Arrays.stream(options.get("text").split(",")).map(String::strip).toList();
        boolean embed = !"off".equalsIgnoreCase(options.getOrDefault("embeddings", "on"));
        double target = Double.parseDouble(options.getOrDefault("target-precision", "0.90"));
        int minExamples = Integer.parseInt(options.getOrDefault("min-label-examples", "5"));
        LabelledCsv.Rows train = TrainingHistory.read(Path.of(options.get("train")), textColumns, options.get("label"),
                options.get("priority"), options.get("level"));
        LabelledCsv.Rows test = LabelledCsv.read(Path.of(options.get("test")), textColumns, options.get("label"),
                options.get("priority"), options.get("level"));
        if (train.rows().isEmpty() || test.rows().isEmpty()) {
            throw new IllegalArgumentException("both files need at least one labelled row");
        }
        out.printf(Locale.ROOT, "history: %,d rows (%d without a label skipped), %d labels; test: %,d rows%n",
                train.rows().size(), train.skipped(), train.rows().stream().map(Row::label).distinct().count(),
                test.rows().size());

        LinearRouter.Settings defaults = LinearRouter.Settings.defaults(target, minExamples);
        LinearRouter.Settings settings = new LinearRouter.Settings(defaults.folds(), target, minExamples,
                Double.parseDouble(options.getOrDefault("embedding-weight", String.valueOf(defaults.embeddingWeight()))),
                Double.parseDouble(options.getOrDefault("cost", String.valueOf(defaults.cost()))), defaults.threads())
                .withClassWeightPower(Double.parseDouble(options.getOrDefault("class-weight-power",
                        String.valueOf(defaults.classWeightPower()))));
        // The LLM's similar examples are found by the embedding model, as in the service, even when the router
        // itself does without it.
        boolean retrieve = stage.mode() != LlmMode.OFF && llmSettings.examples() > 0;
        EmbeddingModel local = embed || retrieve ? EmbeddingModel.local() : null;
        VectorCache cache = local != null && options.containsKey("vector-cache")
                ? VectorCache.open(local, Path.of(options.get("vector-cache"))) : null;
        EmbeddingModel model = cache != null ? cache : local;
        if (model != null) {
            settings = settings.readingOnly(model.languages());
        }
        long start = System.nanoTime();
        List<float[]> trainVectors = embed(model, train.rows(), settings.threads(), out);
        List<LinearRouter.Sample> samples = new ArrayList<>();
        for (int i = 0; i < train.rows().size(); i++) {
            Row row = train.rows().get(i);
            samples.add(new LinearRouter.Sample(row.text(), embed ? trainVectors.get(i) : null, row.label()));
        }
        LinearRouter router = LinearRouter.train(samples, settings, message -> out.println("  " + message));
        double trainSeconds = (System.nanoTime() - start) / 1e9;
        out.printf(Locale.ROOT, "trained in %.1f s%n", trainSeconds);

        long classifyStart = System.nanoTime();
        List<float[]> testVectors = embed ? parallel(test.rows(), settings.threads(), row -> model.embed(row.text()))
                : java.util.Collections.nCopies(test.rows().size(), null);
        List<Integer> order = java.util.stream.IntStream.range(0, test.rows().size()).boxed().toList();
        List<double[]> probabilities = parallel(order, settings.threads(),
                i -> router.probabilities(test.rows().get(i).text(), testVectors.get(i)));
        double classifySeconds = (System.nanoTime() - classifyStart) / 1e9;

        List<String> truth = test.rows().stream().map(Row::label).toList();
        List<String> texts = test.rows().stream().map(Row::text).toList();
        Metrics metrics = Metrics.of(truth, router, probabilities);
        Map<String, Object> report = metrics.report();
        List<String> predictedLabels = probabilities.stream().map(p -> router.labels().get(LinearRouter.argmax(p)))
                .toList();
        boolean[] routedByPolicy = new boolean[truth.size()];
        for (int i = 0; i < truth.size(); i++) {
            routedByPolicy[i] = autoRouted(router, probabilities.get(i));
        }
        ScopeEvaluation scope = null;
        if (embed) {
            // The service's similarity refusals: unlike every example, out of scope. Without the embedding the
            // service cannot apply them either, and the figures above are the policy's.
            scope = new ScopeEvaluation(train.rows(), trainVectors, router.labels(),
                    Double.parseDouble(options.getOrDefault("min-similarity", "0.30")), OutOfScope.load(model::embed),
                    model.languages());
            ScopeEvaluation policy = scope;
            List<ScopeEvaluation.Refusal> refusals = parallel(order, settings.threads(),
                    i -> policy.check(testVectors.get(i), LinearRouter.argmax(probabilities.get(i)),
                            policy.language(test.rows().get(i))));
            boolean[] withoutCheck = new boolean[truth.size()];
            boolean[] routed = new boolean[truth.size()];
            List<String> predicted = new ArrayList<>();
            for (int i = 0; i < truth.size(); i++) {
                boolean confident = autoRouted(router, probabilities.get(i));
                withoutCheck[i] = confident && refusals.get(i) != ScopeEvaluation.Refusal.UNLIKE_ANY_EXAMPLE;
                routed[i] = confident && refusals.get(i) == ScopeEvaluation.Refusal.NONE;
                predicted.add(router.labels().get(LinearRouter.argmax(probabilities.get(i))));
            }
            List<String> refused = new ArrayList<>();
            for (int i = 0; i < truth.size(); i++) {
                if (withoutCheck[i] && !routed[i] && refused.size() < 100) {
                    refused.add(test.rows().get(i).title() + " (" + truth.get(i) + "): "
                            + policy.reason(testVectors.get(i), LinearRouter.argmax(probabilities.get(i)),
                                    policy.language(test.rows().get(i))));
                }
            }
            report.put("refused_as_out_of_scope", refused);
            report.put("auto_routed_by_threshold_only", report.get("auto_routed"));
            report.put("auto_routed_without_out_of_scope_check", new Metrics(truth, router.labels(), predicted,
                    withoutCheck, router.targetPrecision()).report().get("auto_routed"));
            report.put("auto_routed", new Metrics(truth, router.labels(), predicted, routed,
                    router.targetPrecision()).report().get("auto_routed"));
            routedByPolicy = routed;
        }
        List<String> languages = options.containsKey("language-column")
                ? LabelledCsv.values(Path.of(options.get("test")), options.get("label"), options.get("language-column"))
                : texts.stream().map(TicketLanguage::detect).toList();
        report.put("language_source", options.getOrDefault("language-column", "detected"));
        report.put("by_language", byLanguage(truth, router, predictedLabels, routedByPolicy, languages));
        report.put("train_rows", train.rows().size());
        report.put("test_rows", test.rows().size());
        report.put("embeddings", embed ? model.id() : "off");
        report.put("model", "linear-svm+tfidf" + (embed ? "+" + model.id() : "") + ", temperature-calibrated");
        report.put("train_seconds", round(trainSeconds));
        report.put("classify_per_second", round(test.rows().size() / classifySeconds));
        report.put("classify_threads", settings.threads());
        report.put("thresholds", router.crossValidation().thresholds());
        report.put("cross_validated_accuracy", round(router.crossValidation().accuracy()));
        report.put("calibration_temperature", round(router.calibration().temperature()));
        metrics.print(out);
        if (scope != null) {
            printPolicy(report, out);
        }
        printLanguages(report, out);
        out.printf(Locale.ROOT, "classified %,d tickets in %.1f s: %.0f per second on %d threads%n",
                test.rows().size(), classifySeconds, test.rows().size() / classifySeconds, settings.threads());
        if (options.containsKey("out-of-scope")) {
            if (scope == null) {
                throw new IllegalArgumentException("--out-of-scope needs --embeddings on: the check compares embeddings");
            }
            report.put("out_of_scope", scope.outOfScope(Path.of(options.get("out-of-scope")), textColumns, router,
                    model, settings.threads(), out));
        }
        if (options.containsKey("priority")) {
            report.put("priority", SeverityEvaluation.score("priority", train.rows(), trainVectors, test.rows(),
                    testVectors, Row::priority, settings, out));
        }
        if (options.containsKey("level")) {
            report.put("level", SeverityEvaluation.score("level", train.rows(), trainVectors, test.rows(),
                    testVectors, Row::level, settings, out));
        }
        if (stage.mode() != LlmMode.OFF) {
            Map<String, Object> llm = new LlmComparison(stage, llmSettings, out).compare(train.rows(),
                    retrieve ? trainVectors : null, retrieve ? model : null, minExamples, test.rows(), router,
                    probabilities);
            report.put("llm", llm);
            LlmComparison.print(report, llm, out);
        }
        if (cache != null) {
            out.printf(Locale.ROOT, "vector cache %s: %,d vectors read, %,d now%s%n", options.get("vector-cache"),
                    cache.reused(), cache.size(), cache.size() > cache.reused() ? " (written)" : "");
            cache.save();
        }
        return report;
    }

    private static List<float[]> embed(EmbeddingModel model, List<Row> rows, int threads, PrintStream out) {
        if (model == null) {
            return java.util.Collections.nCopies(rows.size(), null);
        }
        long start = System.nanoTime();
        AtomicInteger done = new AtomicInteger();
        List<float[]> vectors = parallel(rows, threads, (Row row) -> {
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

    /**
     * Accuracy, macro-F1 and auto-routing (the service's policy) per language of the test tickets; a ticket with no
     * language (a blank column, or none detected) counts under {@code unknown}.
     */
    private static Map<String, Object> byLanguage(List<String> truth, LinearRouter router, List<String> predicted,
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
            Map<String, Object> figures = new Metrics(indices.stream().map(truth::get).toList(), router.labels(),
                    indices.stream().map(predicted::get).toList(), subset, router.targetPrecision()).report();
            Map<String, Object> kept = new LinkedHashMap<>();
            kept.put("tickets", indices.size());
            kept.put("accuracy", figures.get("accuracy"));
            kept.put("macro_f1", figures.get("macro_f1"));
            kept.put("auto_routed", figures.get("auto_routed"));
            byLanguage.put(language, kept);
        });
        return byLanguage;
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

    /** Applies {@code work} to every item on {@code threads} threads; the results are in the items' order. */
    static <S, T> List<T> parallel(List<S> items, int threads, java.util.function.Function<S, T> work) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            int chunk = Math.max(1, (items.size() + threads - 1) / threads);
            List<Future<List<T>>> parts = new ArrayList<>();
            for (int from = 0; from < items.size(); from += chunk) {
                List<S> slice = items.subList(from, Math.min(items.size(), from + chunk));
                parts.add(pool.submit(() -> slice.stream().map(work).toList()));
            }
            List<T> result = new ArrayList<>(items.size());
            for (Future<List<T>> part : parts) {
                result.addAll(part.get());
            }
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Whether the local engine routes a ticket with these probabilities, rather than send it to Manual Review. */
    static boolean autoRouted(LinearRouter router, double[] probabilities) {
        int best = LinearRouter.argmax(probabilities);
        return probabilities[best] >= router.threshold(best);
    }

    static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }

    /** Scores of a test set: everything the report needs, computed once. */
    static final class Metrics {

        private final List<String> labels;
        private final long[][] confusion;
        private final int routed;
        private final int routedRight;
        private final int total;
        private final double target;
        private final int right;

        static Metrics of(List<String> truth, LinearRouter router, List<double[]> probabilities) {
            List<String> predicted = new ArrayList<>(truth.size());
            boolean[] routed = new boolean[truth.size()];
            for (int i = 0; i < truth.size(); i++) {
                predicted.add(router.labels().get(LinearRouter.argmax(probabilities.get(i))));
                routed[i] = autoRouted(router, probabilities.get(i));
            }
            return new Metrics(truth, router.labels(), predicted, routed, router.targetPrecision());
        }

        /**
         * @param predicted  the best guess for each ticket, scored for accuracy and F1 whether routed or not
         * @param autoRouted whether each ticket was routed automatically, scored for coverage and precision
         */
        Metrics(List<String> truth, List<String> known, List<String> predicted, boolean[] autoRouted,
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
                String shown = label.length() > width - 1 ? label.substring(0, width - 2) + "~" : label;
                out.printf(Locale.ROOT, "%-" + width + "s %9.4f %9.4f %9.4f %8d%n", shown, f.get("precision"),
                        f.get("recall"), f.get("f1"), f.get("support"));
            });
            if (labels.size() <= 12) {
                out.println("\nconfusion matrix (rows: truth, columns: predicted, in the order above)");
                for (long[] row : confusion) {
                    StringBuilder line = new StringBuilder();
                    for (long cell : row) {
                        line.append(String.format(Locale.ROOT, "%7d", cell));
                    }
                    out.println(line);
                }
            }
        }
    }
}
