package io.tickettriage.triage;

import java.util.List;

import io.tickettriage.triage.Classification.Evidence;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The service blends in the evidence it found: each example by its team's place among the model's teams. */
class RoutingClassifierVoteTests {

    @Test
    void theEvidenceVotesByTeamInItsOrderAndATeamTheModelDoesNotKnowCountsForNone() {
        LinearRouter teams = LinearRouter.train(LinearRouterTests.xorHistory(),
                new LinearRouter.Settings(5, 0.9, 5, 1.0, 0.5, 2), message -> { });
        assertThat(teams.votes()).isTrue();
        List<Evidence> evidence = List.of(new Evidence(1, "first", "A", 0.93, null, "starter"),
                new Evidence(2, "learnt since", "New Team", 0.91, 12L, "ticket"),
                new Evidence(3, "third", "B", 0.72, null, "starter"));

        List<NeighbourVote.Neighbour> voters = RoutingClassifier.voters(teams, evidence);

        assertThat(voters).containsExactly(new NeighbourVote.Neighbour(teams.labelIndex("A"), 0.93),
                new NeighbourVote.Neighbour(-1, 0.91), new NeighbourVote.Neighbour(teams.labelIndex("B"), 0.72));
        float[] ticket = {-0.95f, 0.05f, 0.1f};
        double[] blended = teams.probabilities("same words", ticket, voters);
        assertThat(blended[teams.labelIndex("A")]).isGreaterThan(teams.probabilities("same words", ticket)[
                teams.labelIndex("A")]);
    }
}
