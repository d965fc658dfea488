package io.tickettriage.triage;

import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.tickettriage.knowledge.KnowledgeBase;
import io.tickettriage.knowledge.KnowledgeBase.Neighbour;
import io.tickettriage.ticket.Level;
import io.tickettriage.ticket.Priority;
import io.tickettriage.triage.Classification.Evidence;

/**
 * Votes among the most similar known examples. Each neighbour's vote weighs {@code exp(similarity / T)}, so a
 * close match counts for much more than a loose one; priority and tier are voted among the winning team's
 * neighbours. Explainable by construction: the evidence is the neighbours themselves. It routes on its own
 * until the linear model is trained, and supplies the evidence for every decision after that.
 */
class NearestNeighbourClassifier implements Classifier {

    static final String MODEL = "knn-v1";
    static final double TEMPERATURE = 0.05;
    /** How many more neighbours are fetched than kept when only those in the ticket's language count. */
    static final int OVERFETCH = 4;

    private final KnowledgeBase knowledge;
    private final TriageProperties properties;

    NearestNeighbourClassifier(KnowledgeBase knowledge, TriageProperties properties) {
        this.knowledge = knowledge;
        this.properties = properties;
    }

    /** Neighbours in the ticket's language, when the embedding model reads some languages only ({@link SameLanguage}). */
    @Override
    public Classification classify(String title, String description, float[] vector) {
        Set<String> readable = knowledge.embeddingLanguages();
        String language = SameLanguage.of(title, description, readable);
        int k = properties.neighbours();
        List<Neighbour> nearest = knowledge.nearest(vector, language == null ? k : k * OVERFETCH);
        return vote(SameLanguage.nearest(nearest, k, language,
                        n -> SameLanguage.of(n.example().title(), n.example().description(), readable)),
                MODEL + "+" + knowledge.modelId(), properties.confidenceThreshold());
    }

    static Classification vote(List<Neighbour> unordered, String model, double threshold) {
        List<Neighbour> neighbours = unordered.stream()
                .sorted(Comparator.comparingDouble(Neighbour::similarity).reversed())
                .toList();
        Map<String, Double> weights = new LinkedHashMap<>();
        double total = 0;
        double top = neighbours.isEmpty() ? 0 : neighbours.getFirst().similarity();
        for (Neighbour neighbour : neighbours) {
            // Shifted by the best similarity so that exp() stays in range.
            double weight = Math.exp((neighbour.similarity() - top) / TEMPERATURE);
            weights.merge(neighbour.example().team(), weight, Double::sum);
            total += weight;
        }
        Map<String, Double> scores = new LinkedHashMap<>();
        String best = "";
        double bestScore = 0;
        for (Map.Entry<String, Double> entry : weights.entrySet()) {
            double score = entry.getValue() / total;
            scores.put(entry.getKey(), score);
            if (score > bestScore) {
                best = entry.getKey();
                bestScore = score;
            }
        }
        String team = best;
        List<Neighbour> teamNeighbours = neighbours.stream().filter(n -> n.example().team().equals(team)).toList();
        Priority priority = majority(teamNeighbours, top, n -> n.example().priority(), Priority.class, Priority.MEDIUM);
        Level level = majority(teamNeighbours, top, n -> n.example().level(), Level.class, Level.TIER_1);
        List<Evidence> evidence = neighbours.stream()
                .map(n -> new Evidence(n.example().id(), n.example().title(), n.example().team(), n.similarity(),
                        n.example().ticketId(), n.example().source()))
                .toList();
        return new Classification(scores, team, bestScore, priority, level, evidence, model, threshold);
    }

    private static <E extends Enum<E>> E majority(List<Neighbour> neighbours, double top,
            Function<Neighbour, E> label, Class<E> type, E fallback) {
        Map<E, Double> votes = new EnumMap<>(type);
        for (Neighbour neighbour : neighbours) {
            E value = label.apply(neighbour);
            if (value != null) {
                votes.merge(value, Math.exp((neighbour.similarity() - top) / TEMPERATURE), Double::sum);
            }
        }
        return votes.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(fallback);
    }
}
