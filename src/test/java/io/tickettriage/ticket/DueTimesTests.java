package io.tickettriage.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.tickettriage.support.TestDatabases;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.json.JsonMapper;

/** The due times a ticket's targets give it, on a real SQLite database. */
class DueTimesTests {

    private static final Instant CREATED = Instant.parse("2026-03-02T09:00:00Z");
    private static final String NIGHT_SHIFT = "Night Team";

    /** Calendar time for every team but one, whose working time runs at half the speed of the clock. */
    private static final ServiceLevelTargets TARGETS = new ServiceLevelTargets() {
        @Override
        public Target target(Priority priority) {
            return DEFAULTS.get(priority);
        }

        @Override
        public Instant after(String team, Instant from, Duration work) {
            return from.plus(team.equals(NIGHT_SHIFT) ? work.multipliedBy(2) : work);
        }

        @Override
        public boolean calendarTime(String team) {
            return !team.equals(NIGHT_SHIFT);
        }
    };

    @TempDir
    static Path folder;

    private static JdbcClient jdbc;
    private TicketRepository tickets;
    private TicketUpdates updates;
    private DueTimes dueTimes;

    @BeforeEach
    void emptyStore() {
        if (jdbc == null) {
            jdbc = JdbcClient.create(TestDatabases.sqlite(folder.resolve("due.db")));
        }
        jdbc.sql("DELETE FROM tickets").update();
        tickets = new TicketRepository(jdbc, JsonMapper.builder().build());
        updates = new TicketUpdates(jdbc, JsonMapper.builder().build());
        dueTimes = new DueTimes(new TicketQueues(jdbc),
                new StaticListableBeanFactory(Map.of("targets", TARGETS)).getBeanProvider(ServiceLevelTargets.class));
    }

    @Test
    void aNewTicketIsGivenItsPrioritysTargetsAndTheDefaultsWithoutAnyConfigured() {
        assertThat(dueTimes.target(Priority.URGENT)).isEqualTo(ServiceLevelTargets.DEFAULTS.get(Priority.URGENT));
        DueTimes unconfigured = new DueTimes(new TicketQueues(jdbc),
                new StaticListableBeanFactory().getBeanProvider(ServiceLevelTargets.class));
        assertThat(unconfigured.target(Priority.LOW)).isEqualTo(ServiceLevelTargets.DEFAULTS.get(Priority.LOW));
    }

    @Test
    void aNewPriorityCountsTheDueTimesAgainFromTheCreationOnce() {
        Ticket ticket = routed(Priority.MEDIUM, "Hardware Team");

        assertThat(dueTimes.recompute(ticket, Priority.URGENT)).isTrue();
        Ticket urgent = tickets.findById(ticket.id()).orElseThrow();
        assertThat(urgent.firstResponseDue()).isEqualTo(CREATED.plus(Duration.ofHours(1)));
        assertThat(urgent.resolutionDue()).isEqualTo(CREATED.plus(Duration.ofHours(4)));
        assertThat(warnAt(ticket.id())).as("calendar time: warned at 80% of the time between start and due")
                .isEqualTo(new Long[] {null, null});

        assertThat(dueTimes.recompute(urgent, Priority.URGENT)).as("nothing to change").isFalse();
    }

    @Test
    void aTeamWithWorkingHoursStoresTheMomentsOfItsWarnings() {
        Ticket ticket = routed(Priority.URGENT, NIGHT_SHIFT);

        assertThat(dueTimes.recompute(ticket, Priority.URGENT)).isTrue();
        Ticket moved = tickets.findById(ticket.id()).orElseThrow();
        assertThat(moved.firstResponseDue()).isEqualTo(CREATED.plus(Duration.ofHours(2)));
        assertThat(moved.resolutionDue()).isEqualTo(CREATED.plus(Duration.ofHours(8)));
        assertThat(warnAt(ticket.id())).isEqualTo(new Long[] {
            CREATED.plus(Duration.ofMinutes(96)).toEpochMilli(), CREATED.plus(Duration.ofMinutes(384)).toEpochMilli()});
    }

    @Test
    void aTicketFromBeforeServiceLevelsKeepsHavingNone() {
        long id = tickets.insert("Old ticket", "", Priority.MEDIUM, FieldSource.DEFAULT, Level.TIER_1,
                FieldSource.DEFAULT, null, CREATED);
        Ticket old = tickets.findById(id).orElseThrow();

        assertThat(dueTimes.recompute(old, Priority.URGENT)).isFalse();
        assertThat(tickets.findById(id).orElseThrow().firstResponseDue()).isNull();
    }

    private Ticket routed(Priority priority, String team) {
        long id = tickets.insert("Docking station dead", "", priority, FieldSource.DEFAULT, Level.TIER_1,
                FieldSource.DEFAULT, null, Ticket.CHANNEL_API, null, CREATED, TARGETS.target(priority));
        updates.applyTriage(id, new TriageOutcome(team, priority, Level.TIER_1, 0.9, "because", "{}"), CREATED);
        return tickets.findById(id).orElseThrow();
    }

    /** When the first-response and the resolution warnings are due, as stored; null where they are not stored. */
    private Long[] warnAt(long id) {
        return jdbc.sql("SELECT first_response_warn_at, resolution_warn_at FROM tickets WHERE id = :id")
                .param("id", id)
                .query((row, n) -> new Long[] {millis(row, 1), millis(row, 2)})
                .single();
    }

    private static Long millis(ResultSet row, int column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }
}
