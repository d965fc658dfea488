package io.tickettriage.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.tickettriage.system.InvalidFieldException;
import io.tickettriage.ticket.RequestedFields.ReadChange;
import io.tickettriage.ticket.TicketManagement.AgentChange;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/** How an agent's change and a new ticket's stated values are read before anything is written. */
class RequestedFieldsTests {

    private static final TeamCatalog TEAMS = () -> Set.of("Hardware Team", "Network Team");
    private static final AssigneeCheck ONLY_ANN = name -> name.equals("ann") ? Optional.empty()
            : Optional.of("No agent named '" + name + "'");

    private final RequestedFields fields = new RequestedFields(TEAMS,
            new StaticListableBeanFactory(Map.of("agents", ONLY_ANN)).getBeanProvider(AssigneeCheck.class));

    @Test
    void readsEachGivenFieldStrippedAndLeavesTheOthersAsTheyAre() {
        assertThat(fields.change(new AgentChange(" Network Team ", "urgent", null, " ann ", " bob ")))
                .isEqualTo(new ReadChange("Network Team", Priority.URGENT, null, "ann", "bob"));
        assertThat(fields.change(new AgentChange(null, null, "tier 3")))
                .isEqualTo(new ReadChange(null, null, Level.TIER_3, null, "agent"));
    }

    @Test
    void sendsATicketToManualReviewButToNoUnknownTeam() {
        assertThat(fields.change(new AgentChange(Ticket.MANUAL_REVIEW, null, null)).team())
                .isEqualTo(Ticket.MANUAL_REVIEW);
        assertThatThrownBy(() -> fields.change(new AgentChange("Facilities", null, null)))
                .isInstanceOfSatisfying(InvalidFieldException.class,
                        problem -> assertThat(problem.field()).isEqualTo("assigned_to"))
                .hasMessageContaining("known teams are Hardware Team, Network Team and " + Ticket.MANUAL_REVIEW);
    }

    @Test
    void namesTheFieldOfAnUnknownPriorityOrLevel() {
        assertThatThrownBy(() -> fields.change(new AgentChange(null, "whenever", null)))
                .isInstanceOfSatisfying(InvalidFieldException.class,
                        problem -> assertThat(problem.field()).isEqualTo("priority"));
        assertThatThrownBy(() -> RequestedFields.level("Tier 9"))
                .isInstanceOfSatisfying(InvalidFieldException.class,
                        problem -> assertThat(problem.field()).isEqualTo("level"));
    }

    @Test
    void givesTicketsToKnownAgentsOnlyAndAnEmptyNameReturnsTheTicketToTheQueue() {
        assertThatThrownBy(() -> fields.change(new AgentChange(null, null, null, "carol", null)))
                .isInstanceOfSatisfying(InvalidFieldException.class,
                        problem -> assertThat(problem.field()).isEqualTo("assignee"))
                .hasMessageContaining("No agent named 'carol'");
        assertThat(fields.change(new AgentChange(null, null, null, "  ", null)).assignee()).isEmpty();
    }

    @Test
    void acceptsAnyAssigneeWhereNobodyKeepsAgentProfiles() {
        RequestedFields open = new RequestedFields(TEAMS,
                new StaticListableBeanFactory().getBeanProvider(AssigneeCheck.class));
        assertThat(open.change(new AgentChange(null, null, null, "carol", null)).assignee()).isEqualTo("carol");
    }

    @Test
    void refusesAChangeThatNamesNoField() {
        assertThatThrownBy(() -> fields.change(new AgentChange(null, null, null, null, "bob")))
                .isInstanceOfSatisfying(InvalidFieldException.class,
                        problem -> assertThat(problem.field()).isEqualTo("assigned_to"))
                .hasMessageContaining("Give at least one of");
    }
}
