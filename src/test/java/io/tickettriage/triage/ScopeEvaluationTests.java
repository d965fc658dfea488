package io.tickettriage.triage;

import static io.tickettriage.triage.OutOfScopeTests.unit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Set;

import io.tickettriage.knowledge.LabelledCsv.Row;
import io.tickettriage.triage.NeighbourVote.Neighbour;

import org.junit.jupiter.api.Test;

class ScopeEvaluationTests {

    private static final List<String> TEAMS = List.of("Hardware", "Network", "Facilities");

    private final ScopeEvaluation scope = new ScopeEvaluation(
            List.of(row("Laptop screen flickers", "Hardware"), row("Dock does not charge", "Hardware"),
                    row("VPN drops", "Network"), row("Wifi slow", "Network")),
            List.of(unit(1, 0, 0), unit(0.9f, 0.1f, 0), unit(0, 1, 0), unit(0.2f, 0.9f, 0)),
            TEAMS, 0.3,
            new OutOfScope(List.of(new OutOfScope.Reference("catering", "The coffee machine is empty", "en",
                    unit(0, 0, 1))), Set.of()),
            Set.of());

    @Test
    void onePassFindsTheNearestRowsMostSimilarFirstAndTheClosestRowOfEachTeam() {
        float[] ticket = unit(0.8f, 0.6f, 0);

        ScopeEvaluation.Neighbourhood neighbourhood = scope.neighbourhood(row("Laptop and wifi", "?"), ticket, 3);

        // 0.86 (the dock), 0.80 (the screen), 0.76 (the wifi); the VPN (0.60) is fourth
        assertThat(neighbourhood.nearest()).extracting(Neighbour::label).containsExactly(0, 0, 1);
        assertThat(neighbourhood.nearest().get(0).similarity())
                .isGreaterThan(neighbourhood.nearest().get(1).similarity());
        assertThat(neighbourhood.closestOfTeam()[0]).isCloseTo(0.8 * 0.994 + 0.6 * 0.110, within(1e-3));
        assertThat(neighbourhood.closestOfTeam()[1]).isCloseTo(0.8 * 0.217 + 0.6 * 0.976, within(1e-3));
        assertThat(neighbourhood.closestOfTeam()[2]).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(neighbourhood.closest()).isEqualTo(neighbourhood.closestOfTeam()[0]);
        assertThat(scope.neighbourhood(row("Laptop and wifi", "?"), ticket, 0).nearest()).isEmpty();
    }

    @Test
    void thePolicyReadsTheRefusalsFromTheSameNeighbourhood() {
        float[] hardware = unit(1, 0.1f, 0);
        float[] coffee = unit(0.5f, 0, 1);
        float[] nothingLikeIt = unit(0, 0, 1);

        assertThat(scope.check(row("Screen", "?"), hardware, 0, scope.neighbourhood(row("Screen", "?"), hardware, 0)))
                .isEqualTo(new ScopeEvaluation.Verdict(ScopeEvaluation.Refusal.NONE, null));
        ScopeEvaluation.Verdict coffeeVerdict = scope.check(row("Coffee", "?"), coffee, 0,
                scope.neighbourhood(row("Coffee", "?"), coffee, 0));
        assertThat(coffeeVerdict.refusal()).isEqualTo(ScopeEvaluation.Refusal.OUT_OF_SCOPE);
        assertThat(coffeeVerdict.reason()).contains("catering", "Hardware");
        assertThat(scope.check(row("?", "?"), nothingLikeIt, 0, scope.neighbourhood(row("?", "?"), nothingLikeIt, 0)))
                .isEqualTo(new ScopeEvaluation.Verdict(ScopeEvaluation.Refusal.UNLIKE_ANY_EXAMPLE, null));
    }

    private static Row row(String title, String team) {
        return new Row(title, "", team, null, null);
    }
}
