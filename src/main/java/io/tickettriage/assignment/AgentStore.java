package io.tickettriage.assignment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Agent profiles and their teams, in SQL that runs unchanged on SQLite and PostgreSQL. */
@Repository
class AgentStore {

    private final JdbcClient jdbc;

    AgentStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Creates or replaces a profile and its teams; returns whether it was new. */
    boolean put(String name, @Nullable String email, List<String> teams, Availability availability,
            int maxOpenTickets, Instant now) {
        int updated = jdbc.sql("""
                UPDATE agents SET email = :email, availability = :availability, max_open_tickets = :max,
                                  updated_at = :now
                WHERE name = :name""")
                .param("name", name)
                .param("email", email, java.sql.Types.VARCHAR)
                .param("availability", availability.value())
                .param("max", maxOpenTickets)
                .param("now", now.toEpochMilli())
                .update();
        if (updated == 0) {
            jdbc.sql("""
                    INSERT INTO agents (name, email, availability, max_open_tickets, created_at, updated_at)
                    VALUES (:name, :email, :availability, :max, :now, :now)""")
                    .param("name", name)
                    .param("email", email, java.sql.Types.VARCHAR)
                    .param("availability", availability.value())
                    .param("max", maxOpenTickets)
                    .param("now", now.toEpochMilli())
                    .update();
        }
        jdbc.sql("DELETE FROM agent_teams WHERE agent = :name").param("name", name).update();
        for (String team : teams) {
            jdbc.sql("INSERT INTO agent_teams (agent, team) VALUES (:name, :team)")
                    .param("name", name)
                    .param("team", team)
                    .update();
        }
        return updated == 0;
    }

    /** Sets an agent's availability; false when there is no such agent. */
    boolean setAvailability(String name, Availability availability, Instant now) {
        return jdbc.sql("UPDATE agents SET availability = :availability, updated_at = :now WHERE name = :name")
                .param("name", name)
                .param("availability", availability.value())
                .param("now", now.toEpochMilli())
                .update() == 1;
    }

    /** Removes a profile and its teams; false when there is no such agent. The agent's row goes first: its lock. */
    boolean delete(String name) {
        if (jdbc.sql("DELETE FROM agents WHERE name = :name").param("name", name).update() != 1) {
            return false;
        }
        jdbc.sql("DELETE FROM agent_teams WHERE agent = :name").param("name", name).update();
        return true;
    }

    /**
     * Takes the agent's row lock for the rest of the transaction, if the agent is still available: of two
     * processes giving the agent a ticket at once, the second waits here until the first commits, and then counts
     * the first's ticket among the agent's open ones.
     */
    boolean lockIfAvailable(String name) {
        return jdbc.sql("UPDATE agents SET assignments = assignments + 1 WHERE name = :name AND availability = 'available'")
                .param("name", name)
                .update() == 1;
    }

    Optional<Agent> find(String name) {
        return select(" WHERE a.name = ?", List.of(name)).stream().findFirst();
    }

    List<Agent> all() {
        return select("", List.of());
    }

    /** The members of a team, by name. */
    List<Agent> ofTeam(String team) {
        return select(" WHERE a.name IN (SELECT agent FROM agent_teams WHERE team = ?)", List.of(team));
    }

    private List<Agent> select(String where, List<Object> params) {
        Map<String, Agent> agents = new LinkedHashMap<>();
        Map<String, List<String>> teams = new LinkedHashMap<>();
        jdbc.sql("SELECT a.name, a.email, a.availability, a.max_open_tickets, a.updated_at, t.team FROM agents a "
                        + "LEFT JOIN agent_teams t ON t.agent = a.name" + where + " ORDER BY a.name, t.team")
                .params(params)
                .query(rs -> {
                    String name = rs.getString("name");
                    List<String> memberships = teams.computeIfAbsent(name, key -> new ArrayList<>());
                    if (rs.getString("team") != null) {
                        memberships.add(rs.getString("team"));
                    }
                    agents.putIfAbsent(name, new Agent(name, rs.getString("email"),
                            memberships, Availability.parse(rs.getString("availability")).orElse(Availability.AWAY),
                            rs.getInt("max_open_tickets"), 0, Instant.ofEpochMilli(rs.getLong("updated_at"))));
                });
        return agents.values().stream()
                .map(agent -> new Agent(agent.name(), agent.email(), List.copyOf(teams.get(agent.name())),
                        agent.availability(), agent.maxOpenTickets(), 0, agent.updatedAt()))
                .toList();
    }
}
