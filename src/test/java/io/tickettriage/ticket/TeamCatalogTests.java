package io.tickettriage.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;

import io.tickettriage.system.InvalidFieldException;

import org.junit.jupiter.api.Test;

/** The one place that refuses an unknown team name, for tickets and for the assignment module alike. */
class TeamCatalogTests {

    private static final TeamCatalog TEAMS = () -> Set.of("Network Team", "Hardware Team");

    @Test
    void aTeamOfAnAgentPolicyOrHoursMustBeARealTeamAndTheProblemListsThemSorted() {
        assertThat(TEAMS.requireTeam(" Network Team ", "team")).isEqualTo("Network Team");
        assertThatThrownBy(() -> TEAMS.requireTeam(Ticket.MANUAL_REVIEW, "teams"))
                .isInstanceOfSatisfying(InvalidFieldException.class, problem -> {
                    assertThat(problem.field()).isEqualTo("teams");
                    assertThat(problem.getMessage()).isEqualTo("Unknown team '" + Ticket.MANUAL_REVIEW
                            + "'; known teams are Hardware Team, Network Team");
                });
        assertThatThrownBy(() -> TEAMS.requireTeam(null, "team")).hasMessage(
                "Unknown team 'null'; known teams are Hardware Team, Network Team");
    }

    @Test
    void aTicketMayAlsoGoToManualReviewAndTheProblemSaysSo() {
        assertThat(TEAMS.requireTicketTeam(" " + Ticket.MANUAL_REVIEW, "assigned_to")).isEqualTo(Ticket.MANUAL_REVIEW);
        assertThatThrownBy(() -> TEAMS.requireTicketTeam("Catering ", "assigned_to"))
                .isInstanceOfSatisfying(InvalidFieldException.class, problem -> {
                    assertThat(problem.field()).isEqualTo("assigned_to");
                    assertThat(problem.getMessage()).isEqualTo("Unknown team 'Catering '; known teams are "
                            + "Hardware Team, Network Team and " + Ticket.MANUAL_REVIEW);
                });
    }
}
