package io.tickettriage.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import io.tickettriage.knowledge.Example;
import io.tickettriage.knowledge.KnowledgeBase.Neighbour;
import io.tickettriage.ticket.Level;
import io.tickettriage.ticket.Priority;

import org.junit.jupiter.api.Test;

class NearestNeighbourClassifierTests {

    private static long ids;

    @Test
    void closeNeighboursOutvoteManyLooseOnes() {
        List<Neighbour> neighbours = List.of(
                neighbour("Hardware Team", 0.80, Priority.HIGH, Level.TIER_2),
                neighbour("Network Team", 0.55, Priority.LOW, Level.TIER_1),
                neighbour("Network Team", 0.54, Priority.LOW, Level.TIER_1),
                neighbour("Network Team", 0.53, Priority.LOW, Level.TIER_1));
        Classification result = NearestNeighbourClassifier.vote(neighbours, "test", 0.6);
        assertThat(result.team()).isEqualTo("Hardware Team");
        assertThat(result.priority()).isEqualTo(Priority.HIGH);
        assertThat(result.level()).isEqualTo(Level.TIER_2);
        assertThat(result.scores().values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1, within(1e-9));
    }

    @Test
    void splitsTheScoreWhenTeamsAreEquallyClose() {
        List<Neighbour> neighbours = List.of(
                neighbour("Security Team", 0.60, Priority.URGENT, Level.TIER_2),
                neighbour("Software Team", 0.60, Priority.MEDIUM, Level.TIER_1));
        Classification result = NearestNeighbourClassifier.vote(neighbours, "test", 0.6);
        assertThat(result.score()).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void takesPriorityAndTierFromTheWinningTeamOnly() {
        List<Neighbour> neighbours = List.of(
                neighbour("HR Team", 0.70, Priority.LOW, Level.TIER_1),
                neighbour("HR Team", 0.69, null, null),
                neighbour("Security Team", 0.71, Priority.URGENT, Level.TIER_3));
        Classification result = NearestNeighbourClassifier.vote(neighbours, "test", 0.6);
        assertThat(result.team()).isEqualTo("HR Team");
        assertThat(result.priority()).isEqualTo(Priority.LOW);
        assertThat(result.level()).isEqualTo(Level.TIER_1);
        assertThat(result.evidence()).first().extracting(Classification.Evidence::team).isEqualTo("Security Team");
    }

    @Test
    void scoresNothingWithoutExamples() {
        Classification result = NearestNeighbourClassifier.vote(List.of(), "test", 0.6);
        assertThat(result.team()).isEmpty();
        assertThat(result.scores()).isEmpty();
        assertThat(result.priority()).isEqualTo(Priority.MEDIUM);
    }

    private static Neighbour neighbour(String team, double similarity, Priority priority, Level level) {
        return new Neighbour(new Example(++ids, team, "t" + ids, "", priority, level, "test"), similarity);
    }
}
