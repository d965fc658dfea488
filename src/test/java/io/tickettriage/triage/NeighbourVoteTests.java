package io.tickettriage.triage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.tickettriage.triage.NeighbourVote.Neighbour;

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

    @Test
    void noVoteIsChosenWhenItGetsNoMoreRowsRight() {
        int rows = 40;
        double[][] linear = new double[rows][];
        int[] truth = new int[rows];
        List<List<Neighbour>> nearest = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            truth[i] = i % 2;
            linear[i] = truth[i] == 0 ? new double[] {0.8, 0.2} : new double[] {0.2, 0.8};
            // the neighbours are always of the other label
            nearest.add(List.of(new Neighbour(1 - truth[i], 0.9), new Neighbour(1 - truth[i], 0.85)));
        }

        assertThat(NeighbourVote.choose(linear, nearest, truth, 7)).isNull();
    }

    @Test
    void aVoteThatFixesAFewRowsMoreThanItBreaksIsNotKept() {
        int rows = 40;
        double[][] linear = new double[rows][];
        int[] truth = new int[rows];
        List<List<Neighbour>> nearest = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            truth[i] = i % 2;
            boolean linearRight = i < 34;
            int leaning = linearRight ? truth[i] : 1 - truth[i];
            linear[i] = leaning == 0 ? new double[] {0.55, 0.45} : new double[] {0.45, 0.55};
            // the vote fixes the six rows the linear model gets wrong and breaks three it gets right: by chance
            int voted = i >= 34 ? truth[i] : i < 3 ? 1 - truth[i] : -1;
            nearest.add(voted < 0 ? List.of() : List.of(new Neighbour(voted, 0.9), new Neighbour(voted, 0.85)));
        }

        assertThat(NeighbourVote.choose(linear, nearest, truth, 7)).isNull();
    }

    @Test
    void aVoteIsChosenWhereTheNeighboursKnowWhatTheLinearModelDoesNot() {
        int rows = 40;
        double[][] linear = new double[rows][];
        int[] truth = new int[rows];
        List<List<Neighbour>> nearest = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            truth[i] = i % 2;
            // the linear model leans to label 0 for every row, a little
            linear[i] = new double[] {0.55, 0.45};
            nearest.add(i % 10 == 0 ? List.of() : List.of(new Neighbour(truth[i], 0.9), new Neighbour(truth[i], 0.8)));
        }

        NeighbourVote vote = NeighbourVote.choose(linear, nearest, truth, 7);

        assertThat(vote).isNotNull();
        assertThat(vote.weight()).isGreaterThan(0).isLessThanOrEqualTo(1);
        assertThat(vote.neighbours()).isEqualTo(7);
        assertThat(vote.fixed()).as("the rows of label 1, all with neighbours").isEqualTo(20);
        assertThat(vote.broken()).isZero();
        for (int i = 0; i < rows; i++) {
            double[] p = vote.blend(linear[i], nearest.get(i));
            assertThat(LinearRouter.argmax(p)).as("row %d", i).isEqualTo(nearest.get(i).isEmpty() ? 0 : truth[i]);
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
