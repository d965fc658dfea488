package io.tickettriage.triage;

import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.stream.IntStream;

import io.tickettriage.knowledge.Vectors;

import org.jspecify.annotations.Nullable;

/**
 * The vote of a ticket's nearest examples, blended into the linear model's calibrated probabilities:
 * {@code softmax((log p + weight * log(vote + 0.01)) / T)}. The linear model generalises over words; the vote remembers
 * single tickets, which helps where a help desk receives the same request again and again. Each neighbour weighs
 * {@code exp(similarity / 0.05)}, as in {@link NearestNeighbourClassifier}, so the service blends in the very evidence
 * it shows.
 *
 * <p>Whether the vote helps depends on the history, so training chooses the weight for each history ({@link #choose})
 * on rows the models did not see, and keeps no vote when it does not clearly help there (bench/routing-quality.md).
 *
 * @param weight      the vote's weight beside the linear model's log probabilities; always above 0
 * @param neighbours  how many of the nearest examples vote
 * @param calibration the temperature of the blend, fitted on the same held-out rows
 * @param fixed       held-out rows the blend gets right and the linear model alone got wrong
 * @param broken      held-out rows the linear model alone got right and the blend gets wrong
 */
record NeighbourVote(double weight, int neighbours, Calibration calibration, int fixed, int broken)
        implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** One similar example: its label's index among the model's labels (-1 for a label it does not know). */
    record Neighbour(int label, double similarity) {
    }

    /** Keeps a team no neighbour voted for in the running: the vote lowers its chances, it does not veto it. */
    private static final double FLOOR = 0.01;
    private static final double STEP = 0.05;
    private static final int STEPS = 20;

    /**
     * The blended probabilities, or {@code linear} itself when no neighbour is of a label the model knows. Only the
     * first {@link #neighbours()} of {@code nearest} (most similar first) vote.
     */
    double[] blend(double[] linear, List<Neighbour> nearest) {
        double[] vote = shares(nearest.subList(0, Math.min(neighbours, nearest.size())), linear.length);
        return vote == null ? linear : calibration.probabilities(logits(linear, vote, weight));
    }

    /**
     * The weight, among 0.05, 0.10, ... 1, that gets the most held-out rows right, and the blend's temperature at that
     * weight; null when it does not clearly beat the linear model alone. "Clearly" is a sign test on the rows whose
     * prediction the vote changes: it must fix at least {@code 2 * sqrt(changed)} more rows than it breaks, about 2.3%
     * odds for one weight that helps nothing (somewhat more for the best of twenty, whose changes overlap). On the 584
     * starter examples the best weight got 3 more rows right than the linear model, within chance, and would have
     * routed two more out-of-scope tickets; on 30,580 IT tickets it fixed 805 rows and broke 573.
     *
     * @param linear     each row's calibrated probabilities from the model that did not see it
     * @param nearest    each row's nearest examples among the rows that model was trained on; empty for a row scored
     *                   without its vector, which the vote never touches
     * @param truth      each row's label
     * @param neighbours how many neighbours vote
     */
    static @Nullable NeighbourVote choose(double[][] linear, List<List<Neighbour>> nearest, int[] truth,
            int neighbours) {
        List<Integer> voted = new ArrayList<>();
        List<double[]> votes = new ArrayList<>();
        for (int i = 0; i < linear.length; i++) {
            double[] vote = shares(nearest.get(i), linear[i].length);
            if (vote != null) {
                voted.add(i);
                votes.add(vote);
            }
        }
        double bestWeight = 0;
        int bestRight = Integer.MIN_VALUE;
        for (int step = 1; step <= STEPS; step++) {
            int right = right(linear, voted, votes, truth, step * STEP);
            if (right > bestRight) {
                bestRight = right;
                bestWeight = step * STEP;
            }
        }
        int fixed = 0;
        int broken = 0;
        for (int j = 0; j < voted.size(); j++) {
            int i = voted.get(j);
            boolean before = LinearRouter.argmax(linear[i]) == truth[i];
            boolean after = LinearRouter.argmax(logits(linear[i], votes.get(j), bestWeight)) == truth[i];
            fixed += after && !before ? 1 : 0;
            broken += before && !after ? 1 : 0;
        }
        if (voted.isEmpty() || fixed - broken < 2 * Math.sqrt(fixed + broken) || fixed == broken) {
            return null;
        }
        double[][] logits = new double[voted.size()][];
        int[] labels = new int[voted.size()];
        for (int j = 0; j < logits.length; j++) {
            logits[j] = logits(linear[voted.get(j)], votes.get(j), bestWeight);
            labels[j] = truth[voted.get(j)];
        }
        return new NeighbourVote(bestWeight, neighbours, Calibration.fit(logits, labels), fixed, broken);
    }

    /**
     * For every row with a vector, the {@code k} most similar rows of the other folds, most similar first: what the
     * vote would have found for that ticket among the examples its fold's model was trained on. Rows without a vector
     * get none and are nobody's neighbour. Compares every such pair (30,580 rows of 384 dimensions: about 7 * 10^8
     * products); the service finds the same neighbours in its similarity index.
     */
    static List<List<Neighbour>> ofOtherFolds(List<float @Nullable []> vectors, int[] truth, int[] fold, int k,
            int threads) {
        List<Integer> rows = IntStream.range(0, vectors.size()).boxed().toList();
        return Parallel.map(rows, threads, i -> {
            float[] vector = vectors.get(i);
            return vector == null ? List.of() : nearest(vector, vectors, truth, k, j -> fold[j] != fold[i]);
        });
    }

    /** The {@code k} rows most similar to {@code vector} among those {@code allowed}, most similar first. */
    static List<Neighbour> nearest(float[] vector, List<float @Nullable []> vectors, int[] labels, int k,
            java.util.function.IntPredicate allowed) {
        Nearest nearest = new Nearest(k);
        for (int j = 0; j < vectors.size(); j++) {
            float[] other = vectors.get(j);
            if (other != null && allowed.test(j)) {
                nearest.offer(labels[j], Vectors.dot(vector, other));
            }
        }
        return nearest.list();
    }

    /** Keeps the {@code k} most similar of the rows offered to it, for a caller that compares every row itself. */
    static final class Nearest {

        private final int k;
        private final PriorityQueue<Neighbour> best;

        Nearest(int k) {
            this.k = k;
            this.best = new PriorityQueue<>(Math.max(1, k), Comparator.comparingDouble(Neighbour::similarity));
        }

        void offer(int label, double similarity) {
            if (best.size() < k) {
                best.add(new Neighbour(label, similarity));
            } else if (k > 0 && similarity > best.peek().similarity()) {
                best.poll();
                best.add(new Neighbour(label, similarity));
            }
        }

        /** The rows kept, most similar first. */
        List<Neighbour> list() {
            PriorityQueue<Neighbour> drained = new PriorityQueue<>(best);
            List<Neighbour> nearest = new ArrayList<>(drained.size());
            while (!drained.isEmpty()) {
                nearest.add(drained.poll());
            }
            return nearest.reversed();
        }
    }

    /** Each label's share of the neighbours' weight; null when no neighbour is of a known label. */
    static double @Nullable [] shares(List<Neighbour> nearest, int labels) {
        double top = nearest.stream().filter(n -> n.label() >= 0 && n.label() < labels)
                .mapToDouble(Neighbour::similarity).max().orElse(Double.NaN);
        if (Double.isNaN(top)) {
            return null;
        }
        double[] vote = new double[labels];
        double total = 0;
        for (Neighbour neighbour : nearest) {
            if (neighbour.label() >= 0 && neighbour.label() < labels) {
                // Shifted by the best similarity so that exp() stays in range.
                double w = Math.exp((neighbour.similarity() - top) / NearestNeighbourClassifier.TEMPERATURE);
                vote[neighbour.label()] += w;
                total += w;
            }
        }
        for (int c = 0; c < labels; c++) {
            vote[c] /= total;
        }
        return vote;
    }

    private static double[] logits(double[] linear, double[] vote, double weight) {
        double[] logits = new double[linear.length];
        for (int c = 0; c < logits.length; c++) {
            logits[c] = Math.log(Math.max(linear[c], 1e-12)) + weight * Math.log(vote[c] + FLOOR);
        }
        return logits;
    }

    private static int right(double[][] linear, List<Integer> voted, List<double[]> votes, int[] truth,
            double weight) {
        int right = 0;
        for (int j = 0; j < voted.size(); j++) {
            int i = voted.get(j);
            right += LinearRouter.argmax(logits(linear[i], votes.get(j), weight)) == truth[i] ? 1 : 0;
        }
        return right;
    }
}
