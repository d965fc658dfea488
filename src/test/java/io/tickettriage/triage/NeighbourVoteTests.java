package io.tickettriage.triage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;

import io.tickettriage.triage.NeighbourVote.Neighbour;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class NeighbourVoteTests {

    private static final NeighbourVote VOTE = new NeighbourVote(0.5, 2, new Calibration(1.0), 0, 0);

    @Test
    void neighboursOfLabelsTheModelDoesNotKnowLeaveTheProbabilitiesAsTheyAre() {
        double[] linear = {0.7, 0.3};

        assertThat(VOTE.blend(linear, List.of(new Neighbour(-1, 0.9), new Neighbour(2, 0.8)))).isSameAs(linear);
        assertThat(VOTE.blend(linear, List.of())).isSameAs(linear);
    }

    @Test
    void onlyTheNearestVoteAndTheBlendIsADistribution() {
        double[] linear = {0.6, 0.4};
        // the third neighbour is beyond the vote's two and must not count
        List<Neighbour> nearest = List.of(new Neighbour(1, 0.9), new Neighbour(1, 0.88), new Neighbour(0, 0.87));

        double[] blended = VOTE.blend(linear, nearest);

        assertThat(Arrays.stream(blended).sum()).isCloseTo(1.0, within(1e-12));
        // log 0.6 + 0.5 log 0.01 against log 0.4 + 0.5 log 1.01
        double expected = 1 / (1 + Math.exp(Math.log(0.4 / 0.6) + 0.5 * Math.log(1.01 / 0.01)));
        assertThat(blended[0]).isCloseTo(expected, within(1e-12));
    }

    @Test
    void closerNeighboursWeighMore() {
        double[] shares = NeighbourVote.shares(List.of(new Neighbour(0, 0.90), new Neighbour(1, 0.80),
                new Neighbour(1, 0.80)), 2);

        // exp(0.1 / 0.05) = 7.4 against two neighbours of weight 1
        assertThat(shares[0]).isCloseTo(Math.exp(2) / (Math.exp(2) + 2), within(1e-12));
        assertThat(NeighbourVote.shares(List.of(new Neighbour(-1, 0.9)), 2)).isNull();
    }

    /** Forty held-out rows, labels 0 and 1 in turn: each row's linear probabilities, and the label its two neighbours
     * vote for (-1 for a row without neighbours). */
    private record HeldOut(double[][] linear, int[] truth, List<List<Neighbour>> nearest) {

        static HeldOut of(IntFunction<double[]> linear, IntUnaryOperator voted) {
            int rows = 40;
            HeldOut heldOut = new HeldOut(new double[rows][], new int[rows], new ArrayList<>());
            for (int i = 0; i < rows; i++) {
                heldOut.truth[i] = i % 2;
                heldOut.linear[i] = linear.apply(i);
                int label = voted.applyAsInt(i);
                heldOut.nearest.add(label < 0 ? List.of()
                        : List.of(new Neighbour(label, 0.9), new Neighbour(label, 0.85)));
            }
            return heldOut;
        }

        @Nullable NeighbourVote choose() {
            return NeighbourVote.choose(linear, nearest, truth, 7);
        }
    }

    private static double[] leaning(int label, double p) {
        return label == 0 ? new double[] {p, 1 - p} : new double[] {1 - p, p};
    }

    @Test
    void noVoteIsChosenWhenItGetsNoMoreRowsRight() {
        // the linear model is right on every row, and the neighbours are always of the other label
        HeldOut heldOut = HeldOut.of(i -> leaning(i % 2, 0.8), i -> 1 - i % 2);

        assertThat(heldOut.choose()).isNull();
    }

    @Test
    void aVoteThatFixesAFewRowsMoreThanItBreaksIsNotKept() {
        // the linear model is wrong on the last six rows; the vote fixes those six and breaks the first three: chance
        HeldOut heldOut = HeldOut.of(i -> leaning(i < 34 ? i % 2 : 1 - i % 2, 0.55),
                i -> i >= 34 ? i % 2 : i < 3 ? 1 - i % 2 : -1);

        assertThat(heldOut.choose()).isNull();
    }

    @Test
    void aVoteIsChosenWhereTheNeighboursKnowWhatTheLinearModelDoesNot() {
        // the linear model leans to label 0 for every row, a little; every row but each tenth has right neighbours
        HeldOut heldOut = HeldOut.of(i -> leaning(0, 0.55), i -> i % 10 == 0 ? -1 : i % 2);

        NeighbourVote vote = heldOut.choose();

        assertThat(vote).isNotNull();
        assertThat(vote.weight()).isGreaterThan(0).isLessThanOrEqualTo(1);
        assertThat(vote.neighbours()).isEqualTo(7);
        assertThat(vote.fixed()).as("the rows of label 1, all with neighbours").isEqualTo(20);
        assertThat(vote.broken()).isZero();
        for (int i = 0; i < heldOut.truth().length; i++) {
            double[] p = vote.blend(heldOut.linear()[i], heldOut.nearest().get(i));
            assertThat(LinearRouter.argmax(p)).as("row %d", i)
                    .isEqualTo(heldOut.nearest().get(i).isEmpty() ? 0 : heldOut.truth()[i]);
        }
    }

    @Test
    void aRowsNeighboursComeFromTheOtherFoldsAndRowsWithoutAVectorAreNobodysNeighbour() {
        List<float[]> vectors = new ArrayList<>();
        int[] labels = new int[6];
        int[] fold = {0, 0, 1, 1, 2, 2};
        for (int i = 0; i < 6; i++) {
            vectors.add(i == 5 ? null : new float[] {1, i + 1});
            labels[i] = i;
        }

        List<List<Neighbour>> nearest = NeighbourVote.ofOtherFolds(vectors, labels, fold, 10, 2);

        assertThat(nearest.get(0)).extracting(Neighbour::label).containsExactly(4, 3, 2);
        assertThat(nearest.get(4)).extracting(Neighbour::label).containsExactly(3, 2, 1, 0);
        assertThat(nearest.get(5)).isEmpty();
        assertThat(NeighbourVote.ofOtherFolds(vectors, labels, fold, 1, 1).get(2)).extracting(Neighbour::label)
                .containsExactly(4);
    }
}
