package io.tickettriage.assignment;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import io.tickettriage.system.InvalidFieldException;
import io.tickettriage.ticket.TeamCatalog;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How each team's tickets are assigned, as admins set it. A team without a policy set has the default. A new policy
 * releases the team's queue soon after, through {@link AssignmentManagement}.
 */
@Service
class TeamPolicies {

    private final PolicyStore policies;
    private final TeamCatalog teams;
    private final AssignmentManagement assignment;
    private final TransactionTemplate transactions;
    private final Clock clock;

    TeamPolicies(PolicyStore policies, TeamCatalog teams, AssignmentManagement assignment,
            PlatformTransactionManager transactionManager, Clock clock) {
        this.policies = policies;
        this.teams = teams;
        this.assignment = assignment;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /** A team's assignment policy, and whether it was set or is the default. */
    record TeamPolicy(String team, AssignmentPolicy assignment, boolean isDefault) {
    }

    TeamPolicy setPolicy(String team, @Nullable String value) {
        String known = teams.requireTeam(team, "team");
        if (value == null || value.isBlank()) {
            throw new InvalidFieldException("assignment", "assignment is required: " + AssignmentPolicy.known());
        }
        AssignmentPolicy policy = AssignmentPolicy.parse(value).orElseThrow(() -> new InvalidFieldException(
                "assignment", "Unknown assignment policy '" + value + "'; use " + AssignmentPolicy.known()));
        transactions.executeWithoutResult(status -> policies.set(known, policy, clock.instant()));
        assignment.releaseSoon(List.of(known));
        return policy(known);
    }

    TeamPolicy policy(String team) {
        String known = teams.requireTeam(team, "team");
        return policies.find(known).map(policy -> new TeamPolicy(known, policy, false))
                .orElseGet(() -> new TeamPolicy(known, AssignmentPolicy.DEFAULT, true));
    }

    /** Every team's policy, by team. */
    List<TeamPolicy> policies() {
        Map<String, AssignmentPolicy> set = policies.all();
        return teams.teams().stream().sorted()
                .map(team -> set.containsKey(team) ? new TeamPolicy(team, set.get(team), false)
                        : new TeamPolicy(team, AssignmentPolicy.DEFAULT, true))
                .toList();
    }
}
