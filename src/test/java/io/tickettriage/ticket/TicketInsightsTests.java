package io.tickettriage.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;

import io.tickettriage.support.TestDatabases;
import io.tickettriage.ticket.TicketInsights.Insights;
import io.tickettriage.ticket.TicketInsights.TeamInsight;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import tools.jackson.databind.json.JsonMapper;

/**
 * The insights figures on random histories in a real SQLite database: whatever engines and agents did, no figure
 * may be impossible, and each must match its definition computed here from the history itself.
 */
class TicketInsightsTests {

    private static final List<String> TEAMS = List.of("Hardware Team", "Network Team", "Software Team",
            Ticket.MANUAL_REVIEW);
    private static final Instant NOW = Instant.parse("2026-06-30T12:00:00Z");
    private static final int DAYS = 30;

    @TempDir
    Path folder;

    TicketRepository tickets;
    TicketUpdates updates;
    TicketInsights insights;
    JdbcClient jdbc;

    /** What the test did to one ticket: the oracle the figures are checked against. */
    private static final class History {
        final Instant created;
        @Nullable String engineTeam;
        String assignedTo = "";
        @Nullable String assignee;
        boolean closed;

        History(Instant created) {
            this.created = created;
        }
    }

    SingleConnectionDataSource connection;

    @AfterEach
    void closeConnection() {
        connection.destroy();
    }

    @BeforeEach
    void database() {
        Path file = folder.resolve("insights.db");
        TestDatabases.sqlite(file);
        // one connection for the whole test: a random history is hundreds of statements
        connection = new SingleConnectionDataSource("jdbc:sqlite:" + file, true);
        jdbc = JdbcClient.create(connection);
        tickets = new TicketRepository(jdbc, JsonMapper.builder().build());
        updates = new TicketUpdates(jdbc, JsonMapper.builder().build());
        insights = new TicketInsights(jdbc, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void aTicketMovedAwayCountsAsACorrectionOfTheEnginesTeamNotAsItsAutoRoutedTicket() {
        long kept = triaged("Network Team");
        long moved = triaged("Network Team");
        updates.applyAgentChange(moved, "Hardware Team", null, null, NOW);
        close(kept);
        close(moved);

        TeamInsight network = team(insights.over(7), "Network Team");

        assertThat(network.volume()).isEqualTo(1);
        assertThat(network.autoRouted()).isEqualTo(1);
        assertThat(network.engineRouted()).isEqualTo(2);
        assertThat(network.corrections()).isEqualTo(1);
        assertThat(network.autoRoutePrecision()).isEqualTo(0.5);
        assertThat(team(insights.over(7), "Hardware Team").autoRouted()).isZero();
    }

    @Test
    void manualReviewIsNeverCountedAsAutoRouted() {
        triaged(Ticket.MANUAL_REVIEW);
        triaged(Ticket.MANUAL_REVIEW);

        Insights figures = insights.over(7);
        TeamInsight manual = team(figures, Ticket.MANUAL_REVIEW);

        assertThat(manual.volume()).isEqualTo(2);
        assertThat(manual.autoRouted()).isZero();
        assertThat(manual.autoRouteRate()).isZero();
        assertThat(manual.engineRouted()).isZero();
        assertThat(manual.autoRoutePrecision()).isNull();
        assertThat(figures.autoRouteRate()).isZero();
    }

    @Test
    void perAgentServiceLevelsMatchTheirDefinitionsAndAddUpToTheTeam() {
        Instant created = NOW.minus(Duration.ofHours(10));
        // ann: answered after 1 h and closed after 5 h, both on time; answered after 6 h (late) and closed after 8 h
        long onTime = serviced("Hardware Team", "ann", created, 1, 5, false, false);
        serviced("Hardware Team", "ann", created, 6, 8, true, false);
        // bob: answered after 2 h, still open and on time: not settled yet
        serviced("Hardware Team", "bob", created, 2, null, false, false);
        // nobody's: open and already past its resolution due time
        serviced("Hardware Team", null, created, null, null, false, true);
        // a ticket from before service levels: counted, never settled
        jdbc.sql("UPDATE tickets SET assignee = 'bob' WHERE id = ?").param(triaged("Hardware Team")).update();
        serviced("Network Team", "bob", created, 1, 3, false, false);

        Insights figures = insights.over(7);
        TicketInsights.TeamServiceLevel hardware = figures.serviceLevels().stream()
                .filter(t -> t.team().equals("Hardware Team")).findFirst().orElseThrow();

        assertThat(hardware.agents()).extracting(TicketInsights.AgentServiceLevel::agent)
                .containsExactly("ann", "bob", null);
        TicketInsights.AgentServiceLevel ann = hardware.agents().get(0);
        assertThat(ann).isEqualTo(new TicketInsights.AgentServiceLevel("ann", 2, 2, 2, 1, 0.5, 3.5, 6.5));
        assertThat(hardware.agents().get(1))
                .isEqualTo(new TicketInsights.AgentServiceLevel("bob", 2, 0, 0, 0, null, 2.0, null));
        assertThat(hardware.agents().get(2))
                .isEqualTo(new TicketInsights.AgentServiceLevel(null, 1, 0, 1, 0, 0.0, null, null));
        assertThat(hardware.tickets()).isEqualTo(5).isEqualTo(team(figures, "Hardware Team").volume());
        assertThat(hardware.closed()).isEqualTo(2);
        assertThat(hardware.slaSettled()).isEqualTo(3);
        assertThat(hardware.slaMet()).isEqualTo(1);
        assertThat(hardware.slaAttainment()).isEqualTo(1 / 3.0);
        assertThat(hardware.meanFirstResponseHours()).isEqualTo(3.0);
        assertThat(hardware.meanResolutionHours()).isEqualTo(6.5);
        assertThat(figures.serviceLevels()).extracting(TicketInsights.TeamServiceLevel::team)
                .containsExactly("Hardware Team", "Network Team");
        assertThat(onTime).isPositive();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void figuresKeepTheirInvariantsAndDefinitionsOnRandomHistories(long seed) {
        Random random = new Random(seed);
        List<History> history = new ArrayList<>();
        for (int i = 0, n = 20 + random.nextInt(60); i < n; i++) {
            history.add(randomTicket(random));
        }

        Insights figures = insights.over(DAYS);

        Instant since = NOW.minus(Duration.ofDays(DAYS));
        List<History> window = history.stream().filter(h -> !h.created.isBefore(since) && !h.assignedTo.isEmpty())
                .toList();
        assertThat(figures.tickets()).isEqualTo(window.size());
        assertThat(figures.teams().stream().mapToLong(TeamInsight::volume).sum()).isEqualTo(figures.tickets());
        assertThat(figures.autoRouted()).isLessThanOrEqualTo(figures.tickets())
                .isEqualTo(figures.teams().stream().mapToLong(TeamInsight::autoRouted).sum());
        assertRate(figures.autoRouteRate());
        assertRate(figures.autoRoutePrecision());
        assertThat(figures.autoRoutePrecision()).isEqualTo(precision(window.stream()
                .filter(h -> h.engineTeam != null && !h.engineTeam.equals(Ticket.MANUAL_REVIEW)).toList()));
        assertThat(figures.daily().stream().mapToLong(TicketInsights.DailyVolume::count).sum())
                .isEqualTo(figures.tickets());
        Map<String, TeamInsight> byTeam = new TreeMap<>();
        figures.teams().forEach(t -> byTeam.put(t.team(), t));
        for (TeamInsight team : figures.teams()) {
            assertThat(team.autoRouted()).as(team.team()).isLessThanOrEqualTo(team.volume())
                    .isLessThanOrEqualTo(team.engineRouted());
            assertThat(team.autoRouted() + team.corrections()).as(team.team()).isEqualTo(team.engineRouted());
            assertRate(team.autoRouteRate());
            assertRate(team.autoRoutePrecision());
            assertRate(team.correctionRate());
            if (team.meanTimeToCloseHours() != null) {
                assertThat(team.meanTimeToCloseHours()).isNotNegative();
            }
            List<History> routedHere = window.stream().filter(h -> team.team().equals(h.engineTeam)
                    && !h.engineTeam.equals(Ticket.MANUAL_REVIEW)).toList();
            List<History> here = window.stream().filter(h -> h.assignedTo.equals(team.team())).toList();
            assertThat(team.volume()).as(team.team()).isEqualTo(here.size());
            assertThat(team.autoRouted()).as(team.team()).isEqualTo(routedHere.stream()
                    .filter(h -> h.assignedTo.equals(h.engineTeam)).count());
            assertThat(team.engineRouted()).as(team.team()).isEqualTo(routedHere.size());
            assertThat(team.autoRoutePrecision()).as(team.team()).isEqualTo(precision(routedHere));
        }
        window.forEach(h -> assertThat(byTeam).containsKey(h.assignedTo));
        assertThat(figures.serviceLevels()).extracting(TicketInsights.TeamServiceLevel::team)
                .containsExactlyElementsOf(byTeam.keySet());
        for (TicketInsights.TeamServiceLevel team : figures.serviceLevels()) {
            List<TicketInsights.AgentServiceLevel> agents = team.agents();
            assertThat(team.tickets()).as(team.team()).isEqualTo(byTeam.get(team.team()).volume())
                    .isEqualTo(agents.stream().mapToLong(TicketInsights.AgentServiceLevel::tickets).sum())
                    .isEqualTo(window.stream().filter(h -> h.assignedTo.equals(team.team())).count());
            assertThat(team.closed()).isEqualTo(agents.stream().mapToLong(TicketInsights.AgentServiceLevel::closed).sum())
                    .isEqualTo(window.stream().filter(h -> h.assignedTo.equals(team.team()) && h.closed).count());
            for (TicketInsights.AgentServiceLevel agent : agents) {
                assertThat(agent.tickets()).as(team.team() + " " + agent.agent()).isEqualTo(window.stream()
                        .filter(h -> h.assignedTo.equals(team.team()) && Objects.equals(h.assignee, agent.agent()))
                        .count());
            }
            if (team.meanResolutionHours() != null) {
                // the team's mean is its agents' means weighted by their closed tickets
                double weighted = agents.stream().filter(a -> a.meanResolutionHours() != null)
                        .mapToDouble(a -> a.meanResolutionHours() * a.closed()).sum() / team.closed();
                assertThat(team.meanResolutionHours()).isCloseTo(weighted, org.assertj.core.data.Offset.offset(1e-9));
            }
        }
    }

    private History randomTicket(Random random) {
        // a tenth of the tickets were created before the window and must not count
        Instant created = NOW.minus(Duration.ofHours(random.nextInt((DAYS + 3) * 24)));
        History h = new History(created);
        long id = tickets.insert("Ticket", "", Priority.MEDIUM, FieldSource.DEFAULT, Level.TIER_1,
                FieldSource.DEFAULT, null, created);
        if (random.nextInt(10) == 0) {
            return h; // still pending
        }
        String engine = pick(random);
        if (random.nextInt(10) == 0) { // an agent routes it before the engine: the engine's late decision is dropped
            h.assignedTo = pick(random);
            updates.applyAgentChange(id, h.assignedTo, null, null, created);
        } else {
            h.engineTeam = engine;
            h.assignedTo = engine;
        }
        updates.applyTriage(id, new TriageOutcome(engine, Priority.MEDIUM, Level.TIER_1, 0.8, "test", null), created);
        for (int moves = random.nextInt(4); moves > 1; moves--) { // half are never touched by an agent
            h.assignedTo = pick(random);
            updates.applyAgentChange(id, h.assignedTo, null, null, created.plusSeconds(60));
        }
        h.assignee = List.of("ann", "bob", "").get(random.nextInt(3));
        if (!h.assignee.isEmpty()) {
            jdbc.sql("UPDATE tickets SET assignee = ? WHERE id = ?").params(h.assignee, id).update();
        } else {
            h.assignee = null;
        }
        if (random.nextBoolean()) {
            updates.changeStatus(id, TicketStatus.ROUTED, TicketStatus.CLOSED, created.plusSeconds(3_600));
            h.closed = true;
            if (random.nextInt(5) == 0) {
                updates.changeStatus(id, TicketStatus.CLOSED, TicketStatus.ROUTED, created.plusSeconds(7_200));
                h.closed = false;
            }
        }
        return h;
    }

    private static @Nullable Double precision(List<History> routed) {
        List<History> closed = routed.stream().filter(h -> h.closed).toList();
        return closed.isEmpty() ? null
                : closed.stream().filter(h -> h.assignedTo.equals(h.engineTeam)).count() / (double) closed.size();
    }

    private static void assertRate(@Nullable Double rate) {
        if (rate != null) {
            assertThat(rate).isBetween(0.0, 1.0);
        }
    }

    private static String pick(Random random) {
        return TEAMS.get(random.nextInt(TEAMS.size()));
    }

    private long triaged(String team) {
        long id = tickets.insert("Ticket", "", Priority.MEDIUM, FieldSource.DEFAULT, Level.TIER_1, FieldSource.DEFAULT,
                null, NOW.minusSeconds(3_600));
        updates.applyTriage(id, new TriageOutcome(team, Priority.MEDIUM, Level.TIER_1, 0.9, "test", null),
                NOW.minusSeconds(3_600));
        return id;
    }

    /**
     * A Medium ticket (first response due after 24 h, resolution after 72 h) routed to {@code team} with an assignee,
     * answered and closed these many hours after its creation (null: not yet), with its breach flags as given.
     */
    private long serviced(String team, @Nullable String assignee, Instant created, @Nullable Integer answeredAfter,
            @Nullable Integer closedAfter, boolean responseBreached, boolean resolutionBreached) {
        long id = tickets.insert("Ticket", "", Priority.MEDIUM, FieldSource.DEFAULT, Level.TIER_1, FieldSource.DEFAULT,
                null, created);
        updates.applyTriage(id, new TriageOutcome(team, Priority.MEDIUM, Level.TIER_1, 0.9, "test", null), created);
        jdbc.sql("""
                UPDATE tickets SET assignee = :assignee, first_response_due = :responseDue, resolution_due = :resolutionDue,
                    first_response_at = :answered, first_response_breached = :responseBreached,
                    resolution_breached = :resolutionBreached WHERE id = :id""")
                .param("assignee", assignee, java.sql.Types.VARCHAR)
                .param("responseDue", created.plus(Duration.ofHours(24)).toEpochMilli())
                .param("resolutionDue", created.plus(Duration.ofHours(72)).toEpochMilli())
                .param("answered", answeredAfter == null ? null
                        : created.plus(Duration.ofHours(answeredAfter)).toEpochMilli(), java.sql.Types.BIGINT)
                .param("responseBreached", responseBreached ? 1 : 0)
                .param("resolutionBreached", resolutionBreached ? 1 : 0)
                .param("id", id)
                .update();
        if (closedAfter != null) {
            updates.changeStatus(id, TicketStatus.ROUTED, TicketStatus.CLOSED,
                    created.plus(Duration.ofHours(closedAfter)));
        }
        return id;
    }

    private void close(long id) {
        updates.changeStatus(id, TicketStatus.ROUTED, TicketStatus.CLOSED, NOW);
    }

    private static TeamInsight team(Insights insights, String team) {
        return insights.teams().stream().filter(t -> t.team().equals(team)).findFirst().orElseThrow();
    }
}
