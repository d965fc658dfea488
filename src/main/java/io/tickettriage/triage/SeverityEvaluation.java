package io.tickettriage.triage;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import io.tickettriage.knowledge.LabelledCsv.Row;
import io.tickettriage.ticket.Level;
import io.tickettriage.ticket.Priority;

import org.jspecify.annotations.Nullable;

/**
 * {@code eval --priority COL} and {@code --level COL}: the priority (or tier) model trained as the service trains
 * it, then the severity rules ({@link EscalationRules}) applied as the service applies them, scored per class on
 * the test file. Rules only apply when the column holds the product's values (Low..Urgent, Tier 1..3); other
 * vocabularies are scored as learned.
 */
final class SeverityEvaluation {

    private SeverityEvaluation() {
    }

    static Map<String, Object> score(String name, List<Row> train, List<float[]> trainVectors, List<Row> test,
            List<float[]> testVectors, Function<Row, @Nullable String> column, LinearRouter.Settings settings,
            PrintStream out) {
        boolean priority = name.equals("priority");
        Function<String, Optional<String>> normal = value -> priority
                ? Priority.parse(value).map(Priority::label) : Level.parse(value).map(Level::label);
        boolean productValues = train.stream().map(column).filter(v -> v != null)
                .allMatch(v -> normal.apply(v).isPresent())
                && test.stream().map(column).filter(v -> v != null).allMatch(v -> normal.apply(v).isPresent());
        Function<String, String> label = value -> productValues ? normal.apply(value).orElseThrow() : value;
        List<LinearRouter.Sample> samples = new ArrayList<>();
        for (int i = 0; i < train.size(); i++) {
            String value = column.apply(train.get(i));
            if (value != null) {
                samples.add(new LinearRouter.Sample(train.get(i).text(), trainVectors.get(i), label.apply(value)));
            }
        }
        if (samples.stream().map(LinearRouter.Sample::label).distinct().count() < 2) {
            throw new IllegalArgumentException("--" + name + ": the history needs at least two different values");
        }
        // unweighted, as the service trains its priority and tier models (RoutingModels)
        LinearRouter model = LinearRouter.train(samples, settings.ordinal(), message -> { });
        List<String> truth = new ArrayList<>();
        List<String> learned = new ArrayList<>();
        List<String> decided = new ArrayList<>();
        List<String> mistakes = new ArrayList<>();
        for (int i = 0; i < test.size(); i++) {
            String value = column.apply(test.get(i));
            if (value == null) {
                continue;
            }
            String text = test.get(i).text();
            double[] p = model.probabilities(text, testVectors.get(i));
            String guess = productValues ? OrdinalChoice.median(model.labels(), p, rank(priority))
                    : model.labels().get(LinearRouter.argmax(p));
            truth.add(label.apply(value));
            learned.add(guess);
            decided.add(productValues ? withRules(priority, text, guess) : guess);
            if (!decided.getLast().equals(truth.getLast()) && mistakes.size() < 100) {
                mistakes.add(truth.getLast() + " predicted " + decided.getLast() + " (learned " + guess + "): "
                        + test.get(i).title());
            }
        }
        if (truth.isEmpty()) {
            throw new IllegalArgumentException("--" + name + ": no test row has a value in that column");
        }
        boolean[] none = new boolean[truth.size()];
        Map<String, Object> report = new LinkedHashMap<>(
                new EvaluationMetrics(truth, model.labels(), decided, none, 0).report());
        report.remove("auto_routed");
        report.put("rules_applied", productValues);
        report.put("learned_only_accuracy", EvaluationMetrics.round(agreement(truth, learned)));
        report.put("test_rows", truth.size());
        if (priority && productValues) {
            long severeAsLow = 0;
            for (int i = 0; i < truth.size(); i++) {
                boolean severe = truth.get(i).equals(Priority.HIGH.label()) || truth.get(i).equals(Priority.URGENT.label());
                severeAsLow += severe && decided.get(i).equals(Priority.LOW.label()) ? 1 : 0;
            }
            report.put("urgent_or_high_predicted_low", severeAsLow);
        }
        report.put("mistakes", mistakes);
        print(name, report, out);
        return report;
    }

    /** Position on the product's scale of a value already normalised to its label. */
    private static java.util.function.ToIntFunction<String> rank(boolean priority) {
        return value -> priority ? Priority.of(value).ordinal() : Level.of(value).ordinal();
    }

    private static String withRules(boolean priority, String text, String learned) {
        EscalationRules.Outcome outcome = priority ? EscalationRules.apply(text, Priority.of(learned), Level.TIER_1)
                : EscalationRules.apply(text, Priority.LOW, Level.of(learned));
        return priority ? outcome.priority().label() : outcome.level().label();
    }

    private static double agreement(List<String> a, List<String> b) {
        int same = 0;
        for (int i = 0; i < a.size(); i++) {
            same += a.get(i).equals(b.get(i)) ? 1 : 0;
        }
        return (double) same / a.size();
    }

    @SuppressWarnings("unchecked")
    private static void print(String name, Map<String, Object> report, PrintStream out) {
        out.printf(Locale.ROOT, "%n%s (%d test rows): exact %.4f with the severity rules%s, %.4f learned alone;"
                + " macro-F1 %.4f%n", name, report.get("test_rows"), report.get("accuracy"),
                Boolean.TRUE.equals(report.get("rules_applied")) ? "" : " (not applicable: other values)",
                report.get("learned_only_accuracy"), report.get("macro_f1"));
        if (report.containsKey("urgent_or_high_predicted_low")) {
            out.printf(Locale.ROOT, "  Urgent or High predicted Low: %d%n", report.get("urgent_or_high_predicted_low"));
        }
        out.printf(Locale.ROOT, "  %-12s %9s %9s %9s %8s%n", name, "precision", "recall", "f1", "support");
        ((Map<String, Object>) report.get("per_class")).forEach((label, figures) -> {
            Map<String, Object> f = (Map<String, Object>) figures;
            out.printf(Locale.ROOT, "  %-12s %9.4f %9.4f %9.4f %8d%n", label, f.get("precision"), f.get("recall"),
                    f.get("f1"), f.get("support"));
        });
        Map<String, Object> confusion = (Map<String, Object>) report.get("confusion_matrix");
        out.println("  confusion (rows: truth, columns: predicted) " + confusion.get("labels"));
        for (long[] row : (long[][]) confusion.get("matrix")) {
            StringBuilder line = new StringBuilder("  ");
            for (long cell : row) {
                line.append(String.format(Locale.ROOT, "%6d", cell));
            }
            out.println(line);
        }
    }
}
