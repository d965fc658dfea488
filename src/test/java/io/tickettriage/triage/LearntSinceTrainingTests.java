package io.tickettriage.triage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.tickettriage.knowledge.Example;
import io.tickettriage.knowledge.KnowledgeBase.Neighbour;
import io.tickettriage.ticket.Level;
import io.tickettriage.ticket.Priority;
import io.tickettriage.triage.Classification.Evidence;

import org.junit.jupiter.api.Test;

class LearntSinceTrainingTests {

    private static final long NEWEST_TRAINED = 100;
    private static final double THRESHOLD = 0.6;

    @Test
    void aNearlyIdenticalExampleNewerThanTheModelDecidesAgainstIt() {
        Classification vote = vote(List.of(example(120, "Security Team", 0.99, 12L), example(7, "Hardware Team", 0.80, null)));

        Classification decided = LearntSinceTraining.prefer(vote, model("Hardware Team"), NEWEST_TRAINED, THRESHOLD,
                ticket -> Optional.of("ticket #" + ticket + ", corrected by alice to Security Team")).orElseThrow();

        assertThat(decided.team()).isEqualTo("Security Team");
        assertThat(decided.score()).isEqualTo(vote.scores().get("Security Team"));
        assertThat(decided.threshold()).isEqualTo(THRESHOLD);
        assertThat(decided.basis()).contains("nearly identical").contains("ticket #12, corrected by alice to Security Team");
    }

    @Test
    void theModelStandsWhereNewerExamplesAgreeWithIt() {
        Classification vote = vote(List.of(example(120, "Hardware Team", 0.99, 12L), example(7, "Hardware Team", 0.8, null)));

        assertThat(LearntSinceTraining.prefer(vote, model("Hardware Team"), NEWEST_TRAINED, THRESHOLD,
                ticket -> Optional.empty())).isEmpty();
    }

    @Test
    void aNearlyIdenticalExampleTheModelWasTrainedOnChangesNothing() {
        Classification vote = vote(List.of(example(50, "Security Team", 0.99, 12L), example(7, "Hardware Team", 0.8, null)));

        assertThat(LearntSinceTraining.prefer(vote, model("Hardware Team"), NEWEST_TRAINED, THRESHOLD,
                ticket -> Optional.empty())).isEmpty();
    }

    @Test
    void newerNeighboursThatCarryAConfidentVoteOutweighTheModel() {
        Classification vote = vote(List.of(example(130, "Security Team", 0.86, 14L), example(120, "Security Team", 0.84, null),
                example(7, "Hardware Team", 0.70, null), example(8, "Hardware Team", 0.69, null)));

        Classification decided = LearntSinceTraining.prefer(vote, model("Hardware Team"), NEWEST_TRAINED, THRESHOLD,
                ticket -> Optional.empty()).orElseThrow();

        assertThat(decided.team()).isEqualTo("Security Team");
        assertThat(decided.basis()).contains("2 similar examples learnt after").contains("ticket #14, closed as Security Team");
    }

    @Test
    void aWeakVoteOrOneCarriedByOldExamplesLeavesTheModelDeciding() {
        Classification split = vote(List.of(example(130, "Security Team", 0.80, 14L), example(7, "Hardware Team", 0.80, null),
                example(8, "Hardware Team", 0.79, null)));
        Classification old = vote(List.of(example(30, "Security Team", 0.86, null), example(31, "Security Team", 0.85, null),
                example(130, "Security Team", 0.80, 14L), example(7, "Hardware Team", 0.70, null)));

        assertThat(LearntSinceTraining.prefer(split, model("Hardware Team"), NEWEST_TRAINED, THRESHOLD,
                ticket -> Optional.empty())).isEmpty();
        assertThat(LearntSinceTraining.prefer(old, model("Hardware Team"), NEWEST_TRAINED, THRESHOLD,
                ticket -> Optional.empty())).isEmpty();
    }

    private static Evidence example(long id, String team, double similarity, Long ticketId) {
        return new Evidence(id, "title " + id, team, similarity, ticketId, ticketId == null ? "starter" : "ticket");
    }

    private static Classification vote(List<Evidence> evidence) {
        return NearestNeighbourClassifier.vote(evidence.stream().map(e -> new Neighbour(new Example(e.exampleId(),
                e.team(), e.title(), "", Priority.LOW, Level.TIER_1, e.source(), e.ticketId()), e.similarity()))
                .toList(), "knn-v1", THRESHOLD);
    }

    private static Classification model(String team) {
        return new Classification(Map.of(team, 0.9), team, 0.9, Priority.MEDIUM, Level.TIER_1, List.of(), "linear",
                0.5);
    }
}
