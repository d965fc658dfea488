package io.tickettriage.triage;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import io.tickettriage.knowledge.EmbeddingModel;
import io.tickettriage.knowledge.LabelledCsv.Row;
import io.tickettriage.knowledge.TicketText;
import io.tickettriage.llm.LlmAnswer;
import io.tickettriage.llm.LlmProperties;
import io.tickettriage.llm.LlmQuestion;
import io.tickettriage.llm.LlmStage;
import io.tickettriage.ticket.Level;
import io.tickettriage.ticket.Priority;
import io.tickettriage.ticket.Ticket;
import io.tickettriage.triage.TriageDecision.Explanation;
import io.tickettriage.triage.TriageDecision.LlmStep;

import org.jspecify.annotations.Nullable;

/**
 * The second pass of {@code eval} when the LLM stage is on: each test ticket's local decision goes through
 * {@link LlmReview}, as in the service, with the history as the source of teams and similar examples; the final
 * decisions are then scored like the local ones. Requests run on as many threads as the stage has request slots,
 * so its timeout, retries and circuit breaker behave as they would in the service.
 */
final class LlmComparison {

    private static final int TITLES_KEPT = 8;

    private final LlmStage stage;
    private final LlmProperties settings;
    private final PrintStream out;

    LlmComparison(LlmStage stage, LlmProperties settings, PrintStream out) {
        this.stage = stage;
        this.settings = settings;
        this.out = out;
    }

    /**
     * @param vectors     the history's vectors for finding similar examples, or null when the prompt carries none
     * @param minExamples the fewest examples a label needs before the policy routes to it, and the LLM may name it
     */
    Map<String, Object> compare(List<Row> history, @Nullable List<float[]> vectors, @Nullable EmbeddingModel model,
            int minExamples, List<Row> test, LinearRouter router, List<double[]> probabilities) {
        LlmReview review = new LlmReview(stage, new History(history, vectors, model), minExamples,
                vectors == null ? 0 : settings.examples());
        int asking = (int) IntStream.range(0, test.size())
                .filter(i -> stage.wantsToSee(!EvaluationMetrics.autoRouted(router, probabilities.get(i)))).count();
        out.printf(Locale.ROOT, "%nasking the LLM about %,d of %,d test tickets (%s mode, %d at a time)%n", asking,
                test.size(), stage.mode().label(), settings.maxConcurrency());
        long start = System.nanoTime();
        AtomicInteger done = new AtomicInteger();
        int every = Math.max(10, asking / 10);
        List<TriageDecision> decisions = Parallel.map(IntStream.range(0, test.size()).boxed().toList(),
                settings.maxConcurrency(), i -> {
                    TriageDecision local = local(router, probabilities.get(i));
                    TriageDecision decided = review.review(test.get(i).title(), test.get(i).description(), local);
                    if (decided.explanation().llm() != null) {
                        int n = done.incrementAndGet();
                        if (n % every == 0 && n < asking) {
                            out.printf(Locale.ROOT, "  asked %,d/%,d (%.1f s)%n", n, asking,
                                    (System.nanoTime() - start) / 1e9);
                        }
                    }
                    return decided;
                });
        double seconds = (System.nanoTime() - start) / 1e9;
        return report(test, router, probabilities, decisions, seconds);
    }

    private Map<String, Object> report(List<Row> test, LinearRouter router, List<double[]> probabilities,
            List<TriageDecision> decisions, double seconds) {
        Map<String, Integer> outcomes = new LinkedHashMap<>();
        for (LlmAnswer.Status status : LlmAnswer.Status.values()) {
            outcomes.put(status.name().toLowerCase(Locale.ROOT), 0);
        }
        int asked = 0;
        int calls = 0;
        List<String> guesses = new ArrayList<>();
        boolean[] routed = new boolean[test.size()];
        for (int i = 0; i < decisions.size(); i++) {
            TriageDecision decision = decisions.get(i);
            LlmStep step = decision.explanation().llm();
            if (step != null) {
                asked++;
                calls += step.requests();
                outcomes.merge(step.outcome(), 1, Integer::sum);
            }
            // The best guess, as for the local figures: the LLM's team when it named one, else the local one.
            boolean llmChose = LlmReview.DECIDED_BY_LLM.equals(decision.explanation().decidedBy())
                    && step != null && step.team() != null;
            double[] p = probabilities.get(i);
            guesses.add(llmChose ? step.team() : router.labels().get(LinearRouter.argmax(p)));
            routed[i] = !Ticket.MANUAL_REVIEW.equals(decision.assignedTo());
        }
        EvaluationMetrics metrics = new EvaluationMetrics(test.stream().map(Row::label).toList(),
                router.labels(), guesses, routed, router.targetPrecision());
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("mode", stage.mode().label());
        report.put("model", settings.model());
        report.putAll(metrics.report());
        report.put("asked", asked);
        report.putAll(outcomes);
        report.put("calls", calls);
        report.put("seconds", EvaluationMetrics.round(seconds));
        return report;
    }

    /** What the local engine decides in {@code eval}: the label with the highest probability if it passes. */
    private static TriageDecision local(LinearRouter router, double[] p) {
        int best = LinearRouter.argmax(p);
        String label = router.labels().get(best);
        boolean routed = EvaluationMetrics.autoRouted(router, p);
        String reason = routed
                ? ScoreText.routed(label, p[best], router.threshold(best))
                : ScoreText.belowThreshold(label, p[best], router.threshold(best));
        // The test file has no priority or tier to score, so the local engine's are not predicted here.
        return new TriageDecision(routed ? label : Ticket.MANUAL_REVIEW, Priority.MEDIUM, Level.TIER_1, p[best],
                reason, new Explanation(TriageEngine.DECIDED_BY_LOCAL, "eval", Map.of(), List.of(),
                        router.threshold(best), 0, label, reason, List.of(), null));
    }

    /** Prints the local and the combined figures side by side. */
    static void print(Map<String, Object> local, Map<String, Object> llm, PrintStream out) {
        out.printf(Locale.ROOT, "%nLLM (%s, %s): asked about %s tickets: %s answered, %s rejected, %s failed,"
                + " %s skipped; %s requests in %.1f s%n", llm.get("mode"), llm.get("model"), llm.get("asked"),
                llm.get("answered"), llm.get("rejected"), llm.get("failed"), llm.get("skipped"), llm.get("calls"),
                llm.get("seconds"));
        out.printf(Locale.ROOT, "%-24s %9s %11s%n", "", "local", "local+LLM");
        out.printf(Locale.ROOT, "%-24s %9.4f %11.4f%n", "accuracy", local.get("accuracy"), llm.get("accuracy"));
        out.printf(Locale.ROOT, "%-24s %9.4f %11.4f%n", "macro-F1", local.get("macro_f1"), llm.get("macro_f1"));
        Map<?, ?> localAuto = (Map<?, ?>) local.get("auto_routed");
        Map<?, ?> llmAuto = (Map<?, ?>) llm.get("auto_routed");
        out.printf(Locale.ROOT, "%-24s %9.4f %11.4f%n", "auto-routed coverage", localAuto.get("coverage"),
                llmAuto.get("coverage"));
        out.printf(Locale.ROOT, "%-24s %9.4f %11.4f%n", "auto-routed precision", localAuto.get("precision"),
                llmAuto.get("precision"));
        if (((Integer) llm.get("skipped")) > 0) {
            out.println("some tickets were skipped (circuit breaker open or all request slots busy): see the"
                    + " TRIAGE_LLM_* settings");
        }
    }

    /** The history as the LLM stage's source of teams and similar examples, as the knowledge base is in the service. */
    private record History(List<Row> rows, @Nullable List<float[]> vectors, @Nullable EmbeddingModel model,
            Map<String, Integer> sizes, Map<String, List<String>> titles) implements LlmContext {

        History(List<Row> rows, @Nullable List<float[]> vectors, @Nullable EmbeddingModel model) {
            this(rows, vectors, model, new HashMap<>(), new HashMap<>());
            for (Row row : rows) {
                sizes.merge(row.label(), 1, Integer::sum);
                List<String> kept = titles.computeIfAbsent(row.label(), label -> new ArrayList<>());
                if (kept.size() < TITLES_KEPT) {
                    kept.add(row.title());
                }
            }
        }

        @Override
        public List<String> teams() {
            return sizes.keySet().stream().sorted().toList();
        }

        @Override
        public int examplesOf(String team) {
            return sizes.getOrDefault(team, 0);
        }

        @Override
        public List<String> titlesOf(String team, int limit) {
            List<String> kept = titles.getOrDefault(team, List.of());
            return kept.subList(0, Math.min(limit, kept.size()));
        }

        @Override
        public List<LlmQuestion.Example> nearest(String title, String description, float @Nullable [] vector,
                int k) {
            if (vectors == null || model == null) {
                return List.of();
            }
            // Vectors are unit length: the dot product is the cosine similarity, as in the knowledge base.
            float[] query = vector != null ? vector : model.embed(TicketText.of(title, description));
            record Scored(int row, double similarity) {
            }
            PriorityQueue<Scored> best = new PriorityQueue<>(Comparator.comparingDouble(Scored::similarity));
            for (int i = 0; i < vectors.size(); i++) {
                double similarity = dot(query, vectors.get(i));
                if (best.size() < k) {
                    best.add(new Scored(i, similarity));
                } else if (similarity > best.peek().similarity()) {
                    best.poll();
                    best.add(new Scored(i, similarity));
                }
            }
            List<LlmQuestion.Example> nearest = new ArrayList<>();
            while (!best.isEmpty()) {
                Row row = rows.get(best.poll().row());
                nearest.addFirst(new LlmQuestion.Example(row.title(), row.description(), row.label(),
                        row.priority() == null ? null : Priority.parse(row.priority()).orElse(null),
                        row.level() == null ? null : Level.parse(row.level()).orElse(null)));
            }
            return nearest;
        }

        private static double dot(float[] a, float[] b) {
            double sum = 0;
            for (int i = 0; i < a.length; i++) {
                sum += a[i] * b[i];
            }
            return sum;
        }
    }
}
