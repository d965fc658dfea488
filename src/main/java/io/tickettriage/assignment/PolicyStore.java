package io.tickettriage.assignment;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Each team's assignment policy and whose turn it is, in SQL that runs unchanged on SQLite and PostgreSQL. */
@Repository
class PolicyStore {

    private final JdbcClient jdbc;

    PolicyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void set(String team, AssignmentPolicy policy, Instant now) {
        int updated = jdbc.sql("UPDATE team_policies SET assignment = :policy, updated_at = :now WHERE team = :team")
                .param("team", team)
                .param("policy", policy.value())
                .param("now", now.toEpochMilli())
                .update();
        if (updated == 0) {
            jdbc.sql("""
                    INSERT INTO team_policies (team, assignment, updated_at) VALUES (:team, :policy, :now)
                    ON CONFLICT (team) DO UPDATE SET assignment = excluded.assignment, updated_at = excluded.updated_at""")
                    .param("team", team)
                    .param("policy", policy.value())
                    .param("now", now.toEpochMilli())
                    .update();
        }
    }

    /** The policy set for a team; empty when none was, and the default applies. */
    Optional<AssignmentPolicy> find(String team) {
        return jdbc.sql("SELECT assignment FROM team_policies WHERE team = :team AND assignment IS NOT NULL")
                .param("team", team)
                .query(String.class)
                .optional()
                .flatMap(AssignmentPolicy::parse);
    }

    /** Every policy that was set, by team. */
    Map<String, AssignmentPolicy> all() {
        Map<String, AssignmentPolicy> policies = new LinkedHashMap<>();
        jdbc.sql("SELECT team, assignment FROM team_policies WHERE assignment IS NOT NULL ORDER BY team")
                .query(rs -> {
                    String team = rs.getString("team");
                    AssignmentPolicy.parse(rs.getString("assignment")).ifPresent(policy -> policies.put(team, policy));
                });
        return policies;
    }

    /**
     * Takes the team's turn for the rest of the transaction and tells who was given its last ticket. Assignments in
     * one team, in any process, wait for each other here, so that turns are taken one at a time.
     */
    @Nullable String takeTurn(String team, Instant now) {
        return jdbc.sql("""
                INSERT INTO team_policies (team, turns, updated_at) VALUES (:team, 1, :now)
                ON CONFLICT (team) DO UPDATE SET turns = team_policies.turns + 1
                RETURNING last_agent""")
                .param("team", team)
                .param("now", now.toEpochMilli())
                .query((rs, row) -> rs.getString("last_agent"))
                .optional()
                .orElse(null);
    }

    void recordTurn(String team, String agent) {
        jdbc.sql("UPDATE team_policies SET last_agent = :agent WHERE team = :team")
                .param("team", team)
                .param("agent", agent)
                .update();
    }
}
