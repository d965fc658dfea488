package io.tickettriage.triage;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.tickettriage.knowledge.EmbeddingModel;
import io.tickettriage.knowledge.LabelledCsv;
import io.tickettriage.knowledge.LabelledCsv.Row;
import io.tickettriage.knowledge.Vectors;

import org.jspecify.annotations.Nullable;

/**
 * The service's similarity-based refusals, applied in {@code eval} as {@link TriageEngine} applies them: a ticket
 * unlike every example ({@code triage.min-similarity}) and an out-of-scope ticket ({@link OutOfScope}) go to Manual
 * Review whatever their probability. The service finds the nearest examples in its index; here every training row
 * is compared, which finds the same closest example. As in the service, only rows in the ticket's language are
 * compared when the embedding model reads some languages only ({@link SameLanguage}).
 */
final class ScopeEvaluation {

    /** Why the policy refused a ticket that its probability alone would have routed; NONE when it did not. */
    enum Refusal { NONE, UNLIKE_ANY_EXAMPLE, OUT_OF_SCOPE }

    private final List<float[]> trainVectors;
    private final int[] trainLabels;
    private final List<String> labels;
    private final double minSimilarity;
    private final OutOfScope scope;
    private final @Nullable ScopeModel words;
    private final List<@Nullable String> trainLanguages;
    private final Set<String> modelLanguages;

    ScopeEvaluation(List<Row> trainRows, List<float[]> trainVectors, List<String> labels, double minSimilarity,
            OutOfScope scope, Set<String> modelLanguages) {
        this.modelLanguages = modelLanguages;
        this.words = ScopeModel.train(trainRows.stream().map(row -> new LinearRouter.Sample(row.text(), null,
                row.label())).toList(), OutOfScope.requests(), modelLanguages);
        this.trainLanguages = trainRows.stream()
                .map(row -> SameLanguage.of(row.title(), row.description(), modelLanguages)).toList();
        List<String> trainLabels = trainRows.stream().map(Row::label).toList();
        this.trainVectors = trainVectors;
        this.trainLabels = trainLabels.stream().mapToInt(labels::indexOf).toArray();
        this.labels = labels;
        this.minSimilarity = minSimilarity;
        this.scope = scope;
    }

    /**
     * The language {@code row} is compared in, as the service compares a ticket ({@link SameLanguage}): null (every
     * row) when the embedding model reads every language. A ticket in a language none of the history's rows is in
     * is near none of them.
     */
    @Nullable String language(Row row) {
        return SameLanguage.of(row.title(), row.description(), modelLanguages);
    }

    /**
     * What one pass over the history finds for a ticket, all that the policy and the vote read: the nearest rows (as
     * many as the router's vote takes), the closest row of each team, and the closest of all. Only rows in the
     * ticket's language are compared ({@link #language}).
     *
     * @param nearest        the nearest rows, most similar first; empty when the router does not vote
     * @param closestOfTeam  each team's closest row's similarity; negative infinity for a team with none
     * @param closest        the closest row's similarity; negative infinity when no row is in the ticket's language
     * @param language       the language the ticket is compared in ({@link #language})
     */
    record Neighbourhood(List<NeighbourVote.Neighbour> nearest, double[] closestOfTeam, double closest,
            @Nullable String language) {
    }

    /** How many nearest rows the router's vote takes: none when it does not vote. */
    static int voters(LinearRouter router) {
        NeighbourVote vote = router.vote();
        return vote == null ? 0 : vote.neighbours();
    }

    /**
     * Compares {@code vector}, the embedding of {@code row}, with every history row in the row's language, keeping the
     * {@code neighbours} nearest ({@link #voters}).
     */
    Neighbourhood neighbourhood(Row row, float[] vector, int neighbours) {
        String language = language(row);
        NeighbourVote.Nearest nearest = new NeighbourVote.Nearest(neighbours);
        double[] closestOfTeam = new double[labels.size()];
        Arrays.fill(closestOfTeam, Double.NEGATIVE_INFINITY);
        double closest = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < trainVectors.size(); i++) {
            if (!SameLanguage.comparable(language, trainLanguages.get(i))) {
                continue;
            }
            double similarity = Vectors.dot(vector, trainVectors.get(i));
            nearest.offer(trainLabels[i], similarity);
            closest = Math.max(closest, similarity);
            if (trainLabels[i] >= 0) {
                closestOfTeam[trainLabels[i]] = Math.max(closestOfTeam[trainLabels[i]], similarity);
            }
        }
        return new Neighbourhood(nearest.list(), closestOfTeam, closest, language);
    }

    /**
     * The router's probabilities for {@code row}, with the vote of its nearest history rows blended in as the service
     * blends in its evidence when the router votes.
     */
    static double[] probabilities(LinearRouter router, Row row, float[] vector, Neighbourhood neighbourhood) {
        return router.vote() == null ? router.probabilities(row.text(), vector)
                : router.probabilities(row.text(), vector, neighbourhood.nearest());
    }

    /**
     * What the policy says of a ticket: its refusal, and for an out-of-scope ticket the reason the service gives.
     *
     * @param reason why the ticket is out of scope; null unless {@code refusal} is {@link Refusal#OUT_OF_SCOPE}
     */
    record Verdict(Refusal refusal, @Nullable String reason) {
    }

    /**
     * What the policy says of {@code row}, a ticket the model would send to {@code team}: as in the service, the
     * out-of-scope check compares embeddings ({@link OutOfScope}) and, in a language the embedding model does not
     * read, words too ({@link ScopeModel}, trained on the history's rows as the service trains it on its examples).
     */
    Verdict check(Row row, float[] vector, int team, Neighbourhood neighbourhood) {
        if (neighbourhood.closest() < minSimilarity) {
            return new Verdict(Refusal.UNLIKE_ANY_EXAMPLE, null);
        }
        String reason = scope.reason(vector, neighbourhood.language(), labels.get(team),
                neighbourhood.closestOfTeam()[team]);
        if (reason == null && words != null) {
            reason = words.reason(row.text(), neighbourhood.language(), labels.get(team));
        }
        return new Verdict(reason == null ? Refusal.NONE : Refusal.OUT_OF_SCOPE, reason);
    }

    /**
     * {@code --out-of-scope FILE}: tickets that belong to no team (a CSV with the test file's text columns, or
     * {@code title,description}, and a {@code category} column). Reports how many the engine would route to a team
     * on its own, overall and per category, with and without the out-of-scope check.
     */
    Map<String, Object> outOfScope(Path file, List<String> textColumns, LinearRouter router, EmbeddingModel model,
            int threads, PrintStream out) throws IOException {
        List<Row> rows;
        try {
            rows = LabelledCsv.read(file, textColumns, "category", null, null).rows();
        } catch (IOException e) {
            rows = LabelledCsv.read(file, List.of("title", "description"), "category", null, null).rows();
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(file + " has no rows with a category");
        }
        record Scored(Row row, int team, double probability, boolean confident, Verdict verdict) {
        }
        List<Scored> scored = Parallel.map(rows, threads, row -> {
            float[] vector = model.embed(row.text());
            Neighbourhood neighbourhood = neighbourhood(row, vector, voters(router));
            double[] p = probabilities(router, row, vector, neighbourhood);
            int best = LinearRouter.argmax(p);
            boolean confident = p[best] >= router.threshold(best);
            return new Scored(row, best, p[best], confident, check(row, vector, best, neighbourhood));
        });
        Map<String, int[]> perCategory = new TreeMap<>();
        int routed = 0;
        int routedWithoutCheck = 0;
        List<String> routedTickets = new ArrayList<>();
        List<String> stopped = new ArrayList<>();
        for (Scored s : scored) {
            int[] counts = perCategory.computeIfAbsent(s.row().label(), c -> new int[3]);
            counts[0]++;
            boolean withoutCheck = s.confident() && s.verdict().refusal() != Refusal.UNLIKE_ANY_EXAMPLE;
            boolean auto = s.confident() && s.verdict().refusal() == Refusal.NONE;
            counts[1] += withoutCheck ? 1 : 0;
            counts[2] += auto ? 1 : 0;
            routedWithoutCheck += withoutCheck ? 1 : 0;
            routed += auto ? 1 : 0;
            if (auto) {
                routedTickets.add(String.format(Locale.ROOT, "%s -> %s %.2f (%s)", s.row().title(),
                        router.labels().get(s.team()), s.probability(), s.row().label()));
            } else if (withoutCheck) {
                stopped.add(s.row().title() + ": " + s.verdict().reason());
            }
        }
        out.printf(Locale.ROOT, "%nout of scope (%s): %d of %d auto-routed to a team (%.1f%%); without the out-of-scope"
                + " check %d (%.1f%%)%n", file.getFileName(), routed, rows.size(), 100.0 * routed / rows.size(),
                routedWithoutCheck, 100.0 * routedWithoutCheck / rows.size());
        Map<String, Object> categories = new LinkedHashMap<>();
        perCategory.forEach((category, c) -> {
            out.printf(Locale.ROOT, "  %-20s %3d tickets, %3d auto-routed (%d without the check)%n", category, c[0],
                    c[2], c[1]);
            categories.put(category, Map.of("tickets", c[0], "auto_routed", c[2], "auto_routed_without_check", c[1]));
        });
        routedTickets.forEach(t -> out.println("  still routed: " + t));
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("file", file.toString());
        report.put("tickets", rows.size());
        report.put("auto_routed", routed);
        report.put("auto_routed_share", EvaluationMetrics.round((double) routed / rows.size()));
        report.put("auto_routed_without_check", routedWithoutCheck);
        report.put("per_category", categories);
        report.put("still_routed", routedTickets);
        report.put("stopped_by_check", stopped);
        return report;
    }
}
