package io.tickettriage.triage;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.tickettriage.knowledge.LabelledCsv;
import io.tickettriage.knowledge.LabelledCsv.Row;
import io.tickettriage.ticket.TicketLanguage;

import org.jspecify.annotations.Nullable;

/**
 * What {@code eval} is asked to compare: the history and the test file read and checked, and the options that shape
 * the run, read when the run needs them so that a bad value fails at the step it belongs to, as it always has.
 *
 * @param options     the command line's options by name, as {@link EvaluateCommand#run} takes them
 * @param textColumns the columns joined into each row's text
 * @param embed       whether the router uses the embedding as well as the lexical features
 * @param minExamples labels with fewer history rows are never routed to automatically
 */
record EvaluationInput(Map<String, String> options, List<String> textColumns, boolean embed, double targetPrecision,
        int minExamples, LabelledCsv.Rows train, LabelledCsv.Rows test) {

    /**
     * Reads both files and says what the history holds; both need a labelled row. What a run would only find wrong
     * after training (an out-of-scope file that is not there or cannot be used, a report with nowhere to go) is
     * refused here, before the minutes of training.
     */
    static EvaluationInput read(Map<String, String> options, PrintStream out) throws IOException {
        List<String> textColumns = Arrays.stream(options.get("text").split(",")).map(String::strip).toList();
        boolean embed = !"off".equalsIgnoreCase(options.getOrDefault("embeddings", "on"));
        checkOutputs(options, embed);
        double target = Double.parseDouble(options.getOrDefault("target-precision", "0.90"));
        int minExamples = Integer.parseInt(options.getOrDefault("min-label-examples", "5"));
        LabelledCsv.Rows train = TrainingHistory.read(Path.of(options.get("train")), textColumns, options.get("label"),
                options.get("priority"), options.get("level"));
        LabelledCsv.Rows test = LabelledCsv.read(Path.of(options.get("test")), textColumns, options.get("label"),
                options.get("priority"), options.get("level"));
        if (train.rows().isEmpty() || test.rows().isEmpty()) {
            throw new IllegalArgumentException("both files need at least one labelled row");
        }
        if (options.containsKey("language-column")) {
            // a wrong column is told now, not after the training it would otherwise wait for
            LabelledCsv.values(Path.of(options.get("test")), options.get("label"), options.get("language-column"));
        }
        List<String> labels = train.rows().stream().map(Row::label).distinct().toList();
        if (labels.size() < 2) {
            throw new IllegalArgumentException("the history has one label (" + labels.getFirst() + "): a routing"
                    + " model chooses between two or more, as the service's does");
        }
        out.printf(Locale.ROOT, "history: %,d rows (%d without a label skipped), %d labels; test: %,d rows%n",
                train.rows().size(), train.skipped(), train.rows().stream().map(Row::label).distinct().count(),
                test.rows().size());
        return new EvaluationInput(options, textColumns, embed, target, minExamples, train, test);
    }

    private static void checkOutputs(Map<String, String> options, boolean embed) {
        if (options.containsKey("out-of-scope")) {
            Path outOfScope = Path.of(options.get("out-of-scope"));
            if (!embed) {
                throw new IllegalArgumentException(
                        "--out-of-scope needs --embeddings on: the check compares embeddings");
            }
            if (!Files.isRegularFile(outOfScope) || !Files.isReadable(outOfScope)) {
                throw new IllegalArgumentException("--out-of-scope: no readable file " + outOfScope);
            }
        }
        for (String option : List.of("json", "vector-cache")) {
            Path parent = options.containsKey(option) ? Path.of(options.get(option)).toAbsolutePath().getParent()
                    : null;
            if (parent != null && !Files.isDirectory(parent)) {
                throw new IllegalArgumentException("--" + option + ": no folder " + parent + " to write "
                        + options.get(option) + " in");
            }
        }
    }

    /** The service's training settings, with the options' embedding weight, cost, class weighting and vote. */
    LinearRouter.Settings routerSettings() {
        LinearRouter.Settings defaults = LinearRouter.Settings.defaults(targetPrecision, minExamples);
        return new LinearRouter.Settings(defaults.folds(), targetPrecision, minExamples,
                number("embedding-weight", defaults.embeddingWeight()), number("cost", defaults.cost()),
                defaults.threads())
                .withClassWeightPower(number("class-weight-power", defaults.classWeightPower()))
                .withVote(Integer.parseInt(options.getOrDefault("neighbours",
                        String.valueOf(defaults.voteNeighbours()))));
    }

    double minSimilarity() {
        return Double.parseDouble(options.getOrDefault("min-similarity", "0.30"));
    }

    /** Where the vectors of earlier runs are kept, as given; null for none. */
    @Nullable String vectorCache() {
        return options.get("vector-cache");
    }

    /** The file of tickets no team should get ({@code --out-of-scope}); null for none. */
    @Nullable Path outOfScope() {
        return options.containsKey("out-of-scope") ? Path.of(options.get("out-of-scope")) : null;
    }

    boolean scoresPriority() {
        return options.containsKey("priority");
    }

    boolean scoresLevel() {
        return options.containsKey("level");
    }

    /** The language of each test row, from the language column when one is named, else detected from the text. */
    List<String> languages() throws IOException {
        return options.containsKey("language-column")
                ? LabelledCsv.values(Path.of(options.get("test")), options.get("label"), options.get("language-column"))
                : test.rows().stream().map(Row::text).map(TicketLanguage::detect).toList();
    }

    /** Where the languages of {@link #languages} come from, as the report names it. */
    String languageSource() {
        return options.getOrDefault("language-column", "detected");
    }

    private double number(String option, double otherwise) {
        return Double.parseDouble(options.getOrDefault(option, String.valueOf(otherwise)));
    }
}
