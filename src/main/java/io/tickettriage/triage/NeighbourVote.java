package io.tickettriage.triage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.stream.IntStream;

import io.tickettriage.knowledge.Vectors;

import org.jspecify.annotations.Nullable;

/**
 * The nearest-neighbour vote as a share of the linear model's probabilities. The linear model generalises over
 * words; the vote remembers single tickets, which matters where help desks receive the same request again and again
 * and where a small team has only a few examples that a linear boundary trained on thousands hardly notices. Each
 * neighbour weighs {@code exp(similarity / T)}, as in {@link NearestNeighbourClassifier}, so the service's evidence
 * and the blended vote are the same neighbours counted the same way.
 */
final class NeighbourVote {

    /** One similar example: its label's index among the model's labels, and its cosine similarity. */
    record Neighbour(int label, double similarity) {
    }

    private NeighbourVote() {
    }

    /**
     * The share-weighted blend {@code (1 - share) * linear + share * vote}, or {@code linear} itself when there is no
     * neighbour to vote.
     */
    static double[] blend(double[] linear, List<Neighbour> neighbours, double share, double @Nullable [] weights) {
        if (share <= 0 || neighbours.isEmpty()) {
            return linear;
        }
        double[] vote = vote(neighbours, linear.length, weights);
        double[] blended = new double[linear.length];
        for (int i = 0; i < blended.length; i++) {
            blended[i] = (1 - share) * linear[i] + share * vote[i];
        }
        return blended;
    }

    /**
     * Each label's share of the neighbours' weight; neighbours with an unknown label ({@code < 0}) are ignored.
     * {@code weights}, when given, multiplies each label's neighbours' weight (more say for small teams).
     */
    static double[] vote(List<Neighbour> neighbours, int labels, double @Nullable [] weights) {
        double top = neighbours.stream().filter(n -> n.label() >= 0).mapToDouble(Neighbour::similarity).max()
                .orElse(0);
        double[] vote = new double[labels];
        double total = 0;
        for (Neighbour neighbour : neighbours) {
            if (neighbour.label() >= 0 && neighbour.label() < labels) {
                // Shifted by the best similarity so that exp() stays in range.
                double weight = Math.exp((neighbour.similarity() - top) / NearestNeighbourClassifier.TEMPERATURE)
                        * (weights == null ? 1 : weights[neighbour.label()]);
                vote[neighbour.label()] += weight;
                total += weight;
            }
        }
        for (int i = 0; total > 0 && i < vote.length; i++) {
            vote[i] /= total;
        }
        return vote;
    }

    /** Neighbours found by label name (the service's evidence), keeping the {@code k} most similar. */
    static List<Neighbour> of(List<Map.Entry<String, Double>> similar, Map<String, Integer> labelIndex, int k) {
        return similar.stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .limit(k)
                .map(e -> new Neighbour(labelIndex.getOrDefault(e.getKey(), -1), e.getValue()))
                .toList();
    }

    /**
     * For every row with a vector, its {@code k} most similar other rows (never itself): what the vote would have
     * found for that ticket had it come in new. Rows without a vector get none and are nobody's neighbour. Compares
     * every pair: about 10^9 products of 384 floats for 30,000 rows, a minute or two on two cores; the similarity
     * index would be faster, but training runs in the background and this keeps {@code eval} and the service on the
     * same neighbours.
     */
    static List<List<Neighbour>> leaveOneOut(List<float @Nullable []> vectors, int[] labels, int k, int threads) {
        List<Integer> rows = IntStream.range(0, vectors.size()).boxed().toList();
        return EvaluateCommand.parallel(rows, threads, i -> {
            float[] vector = vectors.get(i);
            if (vector == null) {
                return List.of();
            }
            return nearest(vector, vectors, labels, k, i);
        });
    }

    /** The {@code k} rows most similar to {@code vector}, most similar first, skipping row {@code self}. */
    static List<Neighbour> nearest(float[] vector, List<float @Nullable []> vectors, int[] labels, int k, int self) {
        PriorityQueue<double[]> best = new PriorityQueue<>(Comparator.comparingDouble(e -> e[0]));
        for (int j = 0; j < vectors.size(); j++) {
            float[] other = vectors.get(j);
            if (j == self || other == null) {
                continue;
            }
            double similarity = Vectors.dot(vector, other);
            if (best.size() < k) {
                best.add(new double[] {similarity, j});
            } else if (similarity > best.peek()[0]) {
                best.poll();
                best.add(new double[] {similarity, j});
            }
        }
        List<Neighbour> nearest = new ArrayList<>(best.size());
        while (!best.isEmpty()) {
            double[] entry = best.poll();
            nearest.add(new Neighbour(labels[(int) entry[1]], entry[0]));
        }
        return nearest.reversed();
    }
}
