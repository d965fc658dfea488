package io.tickettriage.triage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.tickettriage.triage.NeighbourVote.Neighbour;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class NeighbourVoteTests {

    @Test
    void aCloseNeighbourOutweighsSeveralLooseOnes() {
        double[] vote = NeighbourVote.vote(List.of(new Neighbour(1, 0.90), new Neighbour(0, 0.70),
                new Neighbour(0, 0.70), new Neighbour(0, 0.70)), 3, null);

        assertThat(vote[1]).isGreaterThan(0.9);
        assertThat(Arrays.stream(vote).sum()).isCloseTo(1.0, within(1e-9));
        assertThat(vote[2]).isZero();
    }

    @Test
    void neighboursOfLabelsTheModelDoesNotKnowDoNotVote() {
        double[] vote = NeighbourVote.vote(List.of(new Neighbour(-1, 0.99), new Neighbour(0, 0.50)), 2, null);

        assertThat(vote).containsExactly(1.0, 0.0);
    }

    @Test
    void labelWeightsGiveASmallTeamsNeighboursMoreSay() {
        List<Neighbour> neighbours = List.of(new Neighbour(0, 0.8), new Neighbour(1, 0.8));

        double[] plain = NeighbourVote.vote(neighbours, 2, null);
        double[] weighted = NeighbourVote.vote(neighbours, 2, new double[] {0.5, 2.0});

        assertThat(plain[1]).isCloseTo(0.5, within(1e-9));
        assertThat(weighted[1]).isCloseTo(0.8, within(1e-9));
    }

    @Test
    void blendMixesTheVoteInByItsShareAndStillSumsToOne() {
        double[] linear = {0.7, 0.2, 0.1};

        double[] blended = NeighbourVote.blend(linear, List.of(new Neighbour(2, 0.9)), 0.25, null);

        assertThat(blended[0]).isCloseTo(0.525, within(1e-9));
        assertThat(blended[2]).isCloseTo(0.325, within(1e-9));
        assertThat(Arrays.stream(blended).sum()).isCloseTo(1.0, within(1e-9));
        assertThat(NeighbourVote.blend(linear, List.of(), 0.25, null)).isSameAs(linear);
        assertThat(NeighbourVote.blend(linear, List.of(new Neighbour(2, 0.9)), 0, null)).isSameAs(linear);
    }

    @Test
    void leaveOneOutFindsTheMostSimilarOtherRowsButNeverTheRowItself() {
        List<float[]> vectors = new ArrayList<>(List.of(unit(1, 0), unit(0.9f, 0.1f), unit(0, 1), unit(0.1f, 0.9f)));
        vectors.add(null);
        int[] labels = {0, 0, 1, 1, 0};

        List<List<Neighbour>> nearest = NeighbourVote.leaveOneOut(vectors, labels, 2, 2);

        assertThat(nearest.get(0)).hasSize(2);
        assertThat(nearest.get(0).getFirst().label()).isEqualTo(0);
        assertThat(nearest.get(0).getFirst().similarity()).isLessThan(0.9999);
        assertThat(nearest.get(0).get(0).similarity()).isGreaterThanOrEqualTo(nearest.get(0).get(1).similarity());
        assertThat(nearest.get(2).getFirst().label()).isEqualTo(1);
        assertThat(nearest.get(4)).isEmpty();
    }

    private static float[] unit(float x, float y) {
        float norm = (float) Math.sqrt(x * x + y * y);
        return new float[] {x / norm, y / norm};
    }
}
