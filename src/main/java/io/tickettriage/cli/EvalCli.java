package io.tickettriage.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;

import io.tickettriage.triage.EvaluateCommand;

import org.jspecify.annotations.Nullable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code eval}: trains the service's routing model on one labelled CSV, scores another and reports the figures;
 * nothing is started but the model (see {@link EvaluateCommand}).
 */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train on a labelled CSV (the history), score another, print a report.",
            "The LLM stage reads the service's settings (OPENAI_API_KEY, OPENAI_BASE_URL, OPENAI_MODEL, "
                + "TRIAGE_LLM_*); --llm-mode and --llm-model override TRIAGE_LLM_MODE and OPENAI_MODEL."})
final class EvalCli implements Callable<Integer> {

    private final Map<String, String> environment;
    private final PrintStream out;

    @Spec
    @Nullable CommandSpec spec;

    @Option(names = "--train", required = true, paramLabel = "HISTORY.csv",
            description = "trained on; also a folder of knowledge files (<Team>.json), e.g. the starter examples")
    @Nullable Path train;

    @Option(names = "--test", required = true, paramLabel = "TEST.csv", description = "scored")
    @Nullable Path test;

    @Option(names = "--text", required = true, paramLabel = "COL[,COL...]", description = "columns joined into the text")
    @Nullable String text;

    @Option(names = "--label", required = true, paramLabel = "COL", description = "column holding the team")
    @Nullable String label;

    @Option(names = "--json", paramLabel = "OUT.json", description = "also write the report as JSON")
    @Nullable Path json;

    @Option(names = "--embeddings", paramLabel = "on|off", defaultValue = "on",
            description = "use the embedding model's vectors as features (default: ${DEFAULT-VALUE})")
    OnOff embeddings = OnOff.ON;

    @Option(names = "--target-precision", paramLabel = "P", defaultValue = "0.90",
            description = "precision each label's threshold must reach (default: ${DEFAULT-VALUE})")
    double targetPrecision;

    @Option(names = "--min-label-examples", paramLabel = "N", defaultValue = "5",
            description = "labels with fewer history rows are never auto-routed (default: ${DEFAULT-VALUE})")
    int minLabelExamples;

    @Option(names = "--embedding-weight", paramLabel = "W", description = "weight of the embedding block")
    @Nullable Double embeddingWeight;

    @Option(names = "--cost", paramLabel = "C", description = "the linear model's regularisation cost")
    @Nullable Double cost;

    @Option(names = "--class-weight-power", paramLabel = "P",
            description = "small labels' rows weigh (rows / (labels * label rows))^P: 0 none, 1 balanced (default 0.5)")
    @Nullable Double classWeightPower;

    @Option(names = "--neighbours", paramLabel = "N", defaultValue = "7",
            description = "the nearest examples whose vote training may blend in, as the service's triage.neighbours;"
                    + " 0 for none (default: ${DEFAULT-VALUE}; applied with --embeddings on)")
    int neighbours;

    @Option(names = "--vector-cache", paramLabel = "FILE",
            description = "keep the texts' vectors in this file (by embedding model and text) and reuse them in the"
                    + " next runs instead of embedding again")
    @Nullable Path vectorCache;

    @Option(names = "--llm-mode", paramLabel = "off|assist|always", description = "overrides TRIAGE_LLM_MODE")
    @Nullable String llmMode;

    @Option(names = "--llm-model", paramLabel = "NAME", description = "overrides OPENAI_MODEL")
    @Nullable String llmModel;

    @Option(names = "--priority", paramLabel = "COL",
            description = "score the learned priority plus the severity rules on this column of both files")
    @Nullable String priority;

    @Option(names = "--level", paramLabel = "COL",
            description = "score the learned tier plus the severity rules on this column of both files")
    @Nullable String level;

    @Option(names = "--min-similarity", paramLabel = "S", defaultValue = "0.30",
            description = "a ticket less similar than this to every example goes to Manual Review, as in the service "
                    + "(default: ${DEFAULT-VALUE}; applied with --embeddings on)")
    double minSimilarity;

    @Option(names = "--out-of-scope", paramLabel = "FILE.csv",
            description = "tickets no team owns (the --text columns or title,description, and category): report how"
                    + " many would be auto-routed")
    @Nullable Path outOfScope;

    @Option(names = "--language-column", paramLabel = "COL",
            description = "column of the test file holding each ticket's language, for figures per language"
                    + " (default: the language detected from the text)")
    @Nullable String languageColumn;

    enum OnOff {
        ON, OFF
    }

    EvalCli(Map<String, String> environment, PrintStream out) {
        this.environment = environment;
        this.out = out;
    }

    @Override
    public Integer call() {
        checkRanges();
        LibraryLogging.quiet();
        Map<String, String> options = new LinkedHashMap<>();
        options.put("train", String.valueOf(train));
        options.put("test", String.valueOf(test));
        options.put("text", String.valueOf(text));
        options.put("label", String.valueOf(label));
        if (json != null) {
            options.put("json", json.toString());
        }
        options.put("embeddings", embeddings == OnOff.OFF ? "off" : "on");
        options.put("target-precision", String.valueOf(targetPrecision));
        options.put("min-label-examples", String.valueOf(minLabelExamples));
        if (embeddingWeight != null) {
            options.put("embedding-weight", String.valueOf(embeddingWeight));
        }
        if (cost != null) {
            options.put("cost", String.valueOf(cost));
        }
        if (classWeightPower != null) {
            options.put("class-weight-power", String.valueOf(classWeightPower));
        }
        options.put("neighbours", String.valueOf(neighbours));
        if (vectorCache != null) {
            options.put("vector-cache", vectorCache.toString());
        }
        if (llmMode != null) {
            options.put("llm-mode", llmMode);
        }
        if (llmModel != null) {
            options.put("llm-model", llmModel);
        }
        options.put("min-similarity", String.valueOf(minSimilarity));
        if (outOfScope != null) {
            options.put("out-of-scope", outOfScope.toString());
        }
        if (languageColumn != null) {
            options.put("language-column", languageColumn);
        }
        if (priority != null) {
            options.put("priority", priority);
        }
        if (level != null) {
            options.put("level", level);
        }
        return EvaluateCommand.run(options, environment, out);
    }

    /**
     * Numbers out of range, and options that cannot go together, are refused here with the usage, rather than
     * failing minutes later inside training.
     */
    private void checkRanges() {
        check(targetPrecision > 0 && targetPrecision <= 1, "--target-precision must be above 0 and at most 1, not "
                + targetPrecision);
        check(minLabelExamples >= 1, "--min-label-examples must be at least 1, not " + minLabelExamples);
        check(embeddingWeight == null || embeddingWeight >= 0 && Double.isFinite(embeddingWeight),
                "--embedding-weight must be 0 or more, not " + embeddingWeight);
        check(cost == null || cost > 0 && Double.isFinite(cost), "--cost must be above 0, not " + cost);
        check(classWeightPower == null || classWeightPower >= 0 && classWeightPower <= 1,
                "--class-weight-power must be from 0 to 1, not " + classWeightPower);
        check(neighbours >= 0, "--neighbours must be 0 or more, not " + neighbours);
        check(minSimilarity >= -1 && minSimilarity <= 1, "--min-similarity must be from -1 to 1, not "
                + minSimilarity);
        check(outOfScope == null || embeddings != OnOff.OFF,
                "--out-of-scope needs --embeddings on: the check compares embeddings");
    }

    private void check(boolean valid, String message) {
        if (!valid) {
            throw new ParameterException(Objects.requireNonNull(spec).commandLine(), message);
        }
    }
}
