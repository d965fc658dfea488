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
    TicketInsights insights;

    /** What the test did to one ticket: the oracle the figures are checked against. */
    private static final class History {
        final Instant created;
        @Nullable String engineTeam;
        String assignedTo = "";
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
        JdbcClient jdbc = JdbcClient.create(connection);
        tickets = new TicketRepository(jdbc, JsonMapper.builder().build());
        insights = new TicketInsights(jdbc, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void aTicketMovedAwayCountsAsACorrectionOfTheEnginesTeamNotAsItsAutoRoutedTicket() {
        long kept = triaged("Network Team");
        long moved = triaged("Network Team");
        tickets.applyAgentChange(moved, "Hardware Team", null, null, NOW);
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
            tickets.applyAgentChange(id, h.assignedTo, null, null, created);
        } else {
            h.engineTeam = engine;
            h.assignedTo = engine;
        }
        tickets.applyTriage(id, new TriageOutcome(engine, Priority.MEDIUM, Level.TIER_1, 0.8, "test", null), created);
        for (int moves = random.nextInt(4); moves > 1; moves--) { // half are never touched by an agent
            h.assignedTo = pick(random);
            tickets.applyAgentChange(id, h.assignedTo, null, null, created.plusSeconds(60));
        }
        if (random.nextBoolean()) {
            tickets.changeStatus(id, TicketStatus.ROUTED, TicketStatus.CLOSED, created.plusSeconds(3_600));
            h.closed = true;
            if (random.nextInt(5) == 0) {
                tickets.changeStatus(id, TicketStatus.CLOSED, TicketStatus.ROUTED, created.plusSeconds(7_200));
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
        tickets.applyTriage(id, new TriageOutcome(team, Priority.MEDIUM, Level.TIER_1, 0.9, "test", null),
                NOW.minusSeconds(3_600));
        return id;
    }

    private void close(long id) {
        tickets.changeStatus(id, TicketStatus.ROUTED, TicketStatus.CLOSED, NOW);
    }

    private static TeamInsight team(Insights insights, String team) {
        return insights.teams().stream().filter(t -> t.team().equals(team)).findFirst().orElseThrow();
    }
}
