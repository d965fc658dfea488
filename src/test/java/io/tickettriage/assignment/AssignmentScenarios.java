package io.tickettriage.assignment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.tickettriage.access.Caller;
import io.tickettriage.access.Role;
import io.tickettriage.assignment.AgentProfiles.AgentProfile;
import io.tickettriage.system.ForbiddenException;
import io.tickettriage.system.InvalidFieldException;
import io.tickettriage.system.NotFoundException;
import io.tickettriage.ticket.Level;
import io.tickettriage.ticket.Priority;
import io.tickettriage.ticket.Ticket;
import io.tickettriage.ticket.TicketAssignments;
import io.tickettriage.comment.CommentManagement;
import io.tickettriage.knowledge.KnowledgeBase;
import io.tickettriage.ticket.TicketEvents.ServiceLevelBreached;
import io.tickettriage.ticket.TicketEvents.ServiceLevelWarning;
import io.tickettriage.ticket.TicketEvents.TicketAssigned;
import io.tickettriage.ticket.TicketManagement;
import io.tickettriage.ticket.TicketManagement.AgentChange;
import io.tickettriage.ticket.TicketManagement.NewTicket;
import io.tickettriage.ticket.TicketStatus;
import io.tickettriage.ticket.TriageOutcome;
import io.tickettriage.support.TestClock;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Assignment inside a team, on a real database, in a process that runs no triage workers: each test routes its
 * tickets itself, as the classification job would, and then asks for the assignment the job asks for.
 */
abstract class AssignmentScenarios {

    static final String HARDWARE = "Hardware Team";
    static final String NETWORK = "Network Team";
    static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final AtomicInteger AGENTS = new AtomicInteger();

    @Autowired
    AssignmentManagement assignment;
    @Autowired
    AgentProfiles profiles;
    @Autowired
    TeamPolicies policies;
    @Autowired
    TicketManagement tickets;
    @Autowired
    TicketAssignments queues;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Heard heard;
    @Autowired
    TestClock clock;
    @Autowired
    ServiceLevels serviceLevels;
    @Autowired
    CommentManagement comments;

    String prefix;

    /** Every ticket assignment and service-level announcement, in order. */
    static class Heard {
        final List<TicketAssigned> assigned = new CopyOnWriteArrayList<>();
        final List<String> serviceLevels = new CopyOnWriteArrayList<>();

        @EventListener
        void on(TicketAssigned event) {
            assigned.add(event);
        }

        @EventListener
        void on(ServiceLevelWarning event) {
            serviceLevels.add("warning " + event.measure().value() + " #" + event.ticket().id());
        }

        @EventListener
        void on(ServiceLevelBreached event) {
            serviceLevels.add("breached " + event.measure().value() + " #" + event.ticket().id());
        }
    }

    @TestConfiguration
    static class Listening {

        @Bean
        Heard heard() {
            return new Heard();
        }

        @Bean
        @Primary
        TestClock testClock() {
            return new TestClock(Instant.parse("2026-03-02T09:00:00Z"));
        }
    }

    @BeforeEach
    void emptyQueuesAndTeams() {
        // what earlier tests left: their tickets are closed, their agents and policies gone
        jdbc.sql("UPDATE tickets SET status = 'closed', closed_at = 0 WHERE status <> 'closed'").update();
        jdbc.sql("DELETE FROM agent_teams").update();
        jdbc.sql("DELETE FROM agents").update();
        jdbc.sql("DELETE FROM team_policies").update();
        prefix = "a" + AGENTS.incrementAndGet() + "-";
        heard.assigned.clear();
        heard.serviceLevels.clear();
    }

    @Test
    void anUrgentTicketIsWarnedOfAtEightyPercentOfItsTargetAndBreachedAtItsDueTime() {
        Instant created = clock.instant();
        Ticket ticket = route("Payroll server down for everyone", HARDWARE, Priority.URGENT);
        assertThat(ticket.firstResponseDue()).isEqualTo(created.plus(Duration.ofHours(1)));
        assertThat(ticket.resolutionDue()).isEqualTo(created.plus(Duration.ofHours(4)));

        clock.advance(Duration.ofMinutes(47));
        serviceLevels.check();
        assertThat(heard.serviceLevels).isEmpty();

        clock.advance(Duration.ofMinutes(2));
        serviceLevels.check();
        serviceLevels.check();
        assertThat(heard.serviceLevels).containsExactly("warning first_response #" + ticket.id());
        assertThat(tickets.get(ticket.id()).slaBreached()).isFalse();

        clock.advance(Duration.ofMinutes(12));
        serviceLevels.check();
        assertThat(heard.serviceLevels).containsExactly("warning first_response #" + ticket.id(),
                "breached first_response #" + ticket.id());
        assertThat(tickets.get(ticket.id()).slaBreached()).isTrue();

        clock.advance(Duration.ofHours(3));
        serviceLevels.check();
        assertThat(heard.serviceLevels).endsWith("breached resolution #" + ticket.id());
    }

    @Test
    void theNextServiceLevelMomentIsTheEarliestWarningOrDueTimeNotAnnouncedYet() {
        Instant created = clock.instant();
        assertThat(serviceLevels.nextMoment()).isEmpty();
        Ticket urgent = route("Payroll server down for everyone", HARDWARE, Priority.URGENT);
        route("Mouse pointer drifts", HARDWARE, Priority.LOW);
        assertThat(serviceLevels.nextMoment()).as("80% of the first hour").contains(created.plus(Duration.ofMinutes(48)));

        clock.advance(Duration.ofMinutes(48));
        serviceLevels.check();
        assertThat(heard.serviceLevels).containsExactly("warning first_response #" + urgent.id());
        assertThat(serviceLevels.nextMoment()).as("the first response's due time")
                .contains(created.plus(Duration.ofHours(1)));

        comments.add(urgent.id(), "On it", false, new Caller("ann", Role.AGENT));
        assertThat(serviceLevels.nextMoment()).as("80% of the four hours to resolution")
                .contains(created.plus(Duration.ofMinutes(192)));
        tickets.changeStatus(urgent.id(), TicketStatus.CLOSED);
        assertThat(serviceLevels.nextMoment()).as("the Low ticket's warning, 80% of three days")
                .contains(created.plus(Duration.ofMinutes(3 * 24 * 60 * 8 / 10)));
    }

    @Test
    void checksRunningInManyWorkersAtOnceAnnounceEachWarningAndBreachOnce() throws Exception {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ids.add(route("Core switch " + i + " down", HARDWARE, Priority.URGENT).id());
        }
        // past the first response's due time (1 h) and the resolution's warning point (192 min)
        clock.advance(Duration.ofMinutes(200));

        List<ServiceLevels.Checked> checked = concurrently(List.of(1, 2, 3, 4, 5, 6, 7, 8),
                worker -> serviceLevels.check());

        assertThat(checked.stream().mapToInt(ServiceLevels.Checked::breaches).sum()).isEqualTo(12);
        assertThat(checked.stream().mapToInt(ServiceLevels.Checked::warnings).sum()).isEqualTo(12);
        List<String> expected = new ArrayList<>();
        for (long id : ids) {
            expected.add("breached first_response #" + id);
            expected.add("warning resolution #" + id);
        }
        assertThat(heard.serviceLevels).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(serviceLevels.nextMoment()).contains(tickets.get(ids.getFirst()).resolutionDue());
    }

    @Test
    void aTeamWithBusinessHoursCountsItsTargetsInWorkingTimeAndAMoveCountsThemAgain(@Autowired TeamHours hours) {
        ZoneId paris = ZoneId.of("Europe/Paris");
        ZonedDateTime now = clock.instant().atZone(paris);
        ZonedDateTime friday = now.with(TemporalAdjusters.next(DayOfWeek.FRIDAY)).with(LocalTime.of(16, 0));
        clock.advance(Duration.between(now, friday));
        Instant monday = friday.plusDays(3).with(LocalTime.of(9, 0)).toInstant();
        hours.set(HARDWARE, "Europe/Paris", List.of("MON", "TUE", "WED", "THU", "FRI"), "09:00", "17:00");
        try {
            Ticket ticket = route("Payroll server down for everyone", HARDWARE, Priority.URGENT);
            assertThat(ticket.firstResponseDue()).as("1 working hour").isEqualTo(friday.plusHours(1).toInstant());
            assertThat(ticket.resolutionDue()).as("4 working hours: 1 on Friday, 3 on Monday")
                    .isEqualTo(monday.plus(Duration.ofHours(3)));
            assertThat(serviceLevels.nextMoment()).contains(friday.plusMinutes(48).toInstant());

            clock.advance(Duration.ofMinutes(48));
            serviceLevels.check();
            clock.advance(Duration.ofMinutes(12));
            serviceLevels.check();
            assertThat(heard.serviceLevels).containsExactly("warning first_response #" + ticket.id(),
                    "breached first_response #" + ticket.id());
            // 80% of 4 working hours is 3 h 12 min: 1 h on Friday and 2 h 12 min on Monday, not 80% of the weekend
            assertThat(serviceLevels.nextMoment()).contains(monday.plus(Duration.ofMinutes(132)));
            clock.advance(Duration.between(clock.instant(), monday.plus(Duration.ofMinutes(131))));
            serviceLevels.check();
            assertThat(heard.serviceLevels).hasSize(2);
            clock.advance(Duration.ofMinutes(1));
            serviceLevels.check();
            assertThat(heard.serviceLevels).endsWith("warning resolution #" + ticket.id());

            Ticket moved = tickets.change(ticket.id(), new AgentChange(NETWORK, null, null, null, "lead"));
            assertThat(moved.resolutionDue()).as("calendar time in a team without business hours")
                    .isEqualTo(friday.plusHours(4).toInstant());
            serviceLevels.check();
            assertThat(heard.serviceLevels).as("judged again against the new due times")
                    .containsOnlyOnce("breached resolution #" + ticket.id());
        } finally {
            hours.clear(HARDWARE);
        }
    }

    @Test
    void theFirstPublicCommentOfAnAgentIsTheResponse() {
        Ticket ticket = route("Outlook asks for the password again", HARDWARE, Priority.HIGH);
        clock.advance(Duration.ofMinutes(30));
        comments.add(ticket.id(), "E-mail from the requester: any news?");
        comments.add(ticket.id(), "Looks like the token expired", true, new Caller("ann", Role.AGENT));
        assertThat(tickets.get(ticket.id()).firstResponseAt()).isNull();

        Instant answered = clock.instant();
        comments.add(ticket.id(), "Please sign out and in again", false, new Caller("ann", Role.AGENT));
        clock.advance(Duration.ofHours(5));
        comments.add(ticket.id(), "Did that help?", false, new Caller("ann", Role.AGENT));

        Ticket after = tickets.get(ticket.id());
        assertThat(after.firstResponseAt()).isEqualTo(answered);
        serviceLevels.check();
        assertThat(heard.serviceLevels).doesNotContain("breached first_response #" + ticket.id());
        assertThat(after.slaBreached()).isFalse();
    }

    @Test
    void aPriorityChangeRecomputesTheDueTimesFromTheTicketsCreation() {
        Instant created = clock.instant();
        Ticket ticket = route("Mouse pointer drifts", HARDWARE, Priority.LOW);
        assertThat(ticket.firstResponseDue()).isEqualTo(created.plus(Duration.ofDays(3)));

        clock.advance(Duration.ofHours(2));
        Ticket urgent = tickets.change(ticket.id(), new AgentChange(null, "Urgent", null, null, "lead"));
        assertThat(urgent.firstResponseDue()).isEqualTo(created.plus(Duration.ofHours(1)));
        assertThat(urgent.resolutionDue()).isEqualTo(created.plus(Duration.ofHours(4)));
        serviceLevels.check();
        assertThat(heard.serviceLevels).containsExactly("breached first_response #" + ticket.id());
        assertThat(tickets.get(ticket.id()).slaBreached()).isTrue();

        Ticket low = tickets.change(ticket.id(), new AgentChange(null, "Low", null, null, "lead"));
        assertThat(low.firstResponseDue()).isEqualTo(created.plus(Duration.ofDays(3)));
        assertThat(low.slaBreached()).as("judged again against the new target").isFalse();
    }

    @Test
    void aReopenedTicketsClocksResumeWithoutTheTimeItSpentClosed() {
        Instant created = clock.instant();
        Ticket ticket = route("Docking station firmware update failed", HARDWARE, Priority.MEDIUM);
        clock.advance(Duration.ofHours(1));
        tickets.changeStatus(ticket.id(), TicketStatus.CLOSED);
        clock.advance(Duration.ofDays(2));

        Ticket reopened = tickets.changeStatus(ticket.id(), TicketStatus.ROUTED);

        assertThat(reopened.resolutionDue()).isEqualTo(created.plus(Duration.ofDays(3 + 2)));
        assertThat(reopened.firstResponseDue()).isEqualTo(created.plus(Duration.ofDays(1 + 2)));
        assertThat(reopened.slaBreached()).isFalse();
        clock.advance(Duration.ofDays(4));
        Ticket closedLate = tickets.changeStatus(ticket.id(), TicketStatus.CLOSED);
        assertThat(closedLate.slaBreached()).isTrue();
        Ticket recomputed = tickets.change(ticket.id(), new AgentChange(null, "Low", null, null, "lead"));
        assertThat(recomputed.resolutionDue()).as("the time spent closed still counts out")
                .isEqualTo(created.plus(Duration.ofDays(10 + 2)));
        assertThat(recomputed.slaBreached()).isFalse();
    }

    @Test
    void roundRobinGivesEachAvailableAgentTheSameShareOfEightConcurrentRoutings() throws Exception {
        List<String> names = agents(HARDWARE, 10, "ann", "bob", "cid", "dee");
        policies.setPolicy(HARDWARE, "round_robin");
        settle();
        List<Ticket> routed = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            routed.add(route("Docking station " + i + " dead", HARDWARE));
        }

        List<Ticket> assigned = concurrently(routed, ticket -> assignment.assign(ticket, null).orElseThrow());

        Map<String, Long> shares = assigned.stream()
                .collect(Collectors.groupingBy(Ticket::assignee, Collectors.counting()));
        assertThat(shares).containsOnlyKeys(names).allSatisfy((name, count) -> assertThat(count).isEqualTo(2));
        assertThat(assigned).allSatisfy(ticket -> assertThat(ticket.assignmentReason()).startsWith("Round robin"));
        assertThat(heard.assigned).hasSize(8);
    }

    @Test
    void leastLoadedPicksTheAgentWithFewestOpenTicketsAndNeverGoesPastTheirMaximum() {
        agent("ann", 1, HARDWARE);
        agent("bob", 3, HARDWARE);
        List<String> order = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            order.add(assignment.assign(route("Printer " + i + " jams", HARDWARE), null).map(Ticket::assignee)
                    .orElse("waiting"));
        }

        assertThat(order).containsExactly(prefix + "ann", prefix + "bob", prefix + "bob", prefix + "bob", "waiting");
        assertThat(profiles.agent(prefix + "ann").openTickets()).isEqualTo(1);
        assertThat(profiles.agent(prefix + "bob").openTickets()).isEqualTo(3);
        assertThat(queues.waitingTickets(HARDWARE, 10)).hasSize(1);
    }

    @Test
    void awayAgentsAreSkippedAndTheQueueIsReleasedWhenOneComesBack() {
        agent("ann", 5, HARDWARE);
        profiles.setAvailability(prefix + "ann", "away", Caller.DEMO);
        settle();
        Ticket waiting = route("Keyboard missing keys", HARDWARE);

        assertThat(assignment.assign(waiting, null)).isEmpty();
        assertThat(queues.waitingTickets(HARDWARE, 10)).containsExactly(waiting.id());

        profiles.setAvailability(prefix + "ann", "available", new Caller(prefix + "ann", Role.AGENT));

        await().atMost(TIMEOUT).until(() -> prefix.concat("ann").equals(tickets.get(waiting.id()).assignee()));
    }

    @Test
    void aClosedTicketFreesAPlaceForTheNextWaitingOne() {
        agent("ann", 1, HARDWARE);
        Ticket first = assignment.assign(route("Monitor flickers", HARDWARE), null).orElseThrow();
        Ticket second = route("Mouse double-clicks", HARDWARE);
        assertThat(assignment.assign(second, null)).isEmpty();

        tickets.changeStatus(first.id(), TicketStatus.CLOSED);

        await().atMost(TIMEOUT).until(() -> prefix.concat("ann").equals(tickets.get(second.id()).assignee()));
    }

    @Test
    void agentsSetTheirOwnAvailabilityOnly() {
        agent("ann", 5, HARDWARE);
        agent("bob", 5, HARDWARE);

        assertThatThrownBy(() -> profiles.setAvailability(prefix + "ann", "away",
                new Caller(prefix + "bob", Role.AGENT))).isInstanceOf(ForbiddenException.class);
        assertThat(profiles.setAvailability(prefix + "ann", "away", new Caller(prefix + "ann", Role.AGENT))
                .availability()).isEqualTo(Availability.AWAY);
        assertThatThrownBy(() -> profiles.setAvailability(prefix + "ann", "on holiday", Caller.DEMO))
                .isInstanceOf(InvalidFieldException.class).hasMessageContaining("available or away");
    }

    @Test
    void aManualAssignmentIsNeverOverwrittenAndAMoveToAnotherTeamAssignsThere() {
        agent("ann", 5, HARDWARE);
        agent("bob", 5, HARDWARE);
        agent("nia", 5, NETWORK);
        Ticket manual = route("Laptop will not boot", HARDWARE);
        tickets.change(manual.id(), new AgentChange(null, null, null, prefix + "bob", "lead"));
        assertThat(assignment.assign(tickets.get(manual.id()), null)).isEmpty();
        assignment.release(HARDWARE);
        assertThat(tickets.get(manual.id()).assignee()).isEqualTo(prefix + "bob");
        assertThat(tickets.get(manual.id()).assignmentReason()).isEqualTo("Assigned by lead");

        Ticket automatic = assignment.assign(route("Laptop battery swollen", HARDWARE), null).orElseThrow();
        tickets.change(automatic.id(), new AgentChange(NETWORK, null, null, null, "lead"));

        await().atMost(TIMEOUT).until(() -> prefix.concat("nia").equals(tickets.get(automatic.id()).assignee()));
        // a person's choice moves with the ticket
        tickets.change(manual.id(), new AgentChange(NETWORK, null, null, null, "lead"));
        assertThat(tickets.get(manual.id()).assignee()).isEqualTo(prefix + "bob");
        assertThatThrownBy(() -> tickets.change(manual.id(), new AgentChange(null, null, null, "nobody", "lead")))
                .isInstanceOf(InvalidFieldException.class).hasMessageContaining("No agent named 'nobody'");
    }

    @Test
    void aRemovedAgentsOpenTicketsGoBackToTheQueueAndThePolicyAssignsThemAgain() {
        agent("ann", 5, HARDWARE);
        Ticket engine = assignment.assign(route("Webcam not detected", HARDWARE), null).orElseThrow();
        Ticket done = assignment.assign(route("Headset crackles", HARDWARE), null).orElseThrow();
        Ticket byHand = route("Docking station firmware", HARDWARE);
        tickets.change(byHand.id(), new AgentChange(null, null, null, prefix + "ann", "lead"));
        tickets.changeStatus(done.id(), TicketStatus.CLOSED);
        settle();
        agent("bob", 5, HARDWARE);
        assertThat(tickets.get(engine.id()).assignee()).isEqualTo(prefix + "ann");

        AgentProfiles.Removed removed = profiles.delete(prefix + "ann");

        assertThat(removed.returnedToQueue()).containsExactly(engine.id(), byHand.id());
        await().atMost(TIMEOUT).until(() -> prefix.concat("bob").equals(tickets.get(engine.id()).assignee())
                && prefix.concat("bob").equals(tickets.get(byHand.id()).assignee()));
        assertThat(tickets.get(engine.id()).assignmentReason()).startsWith("Least loaded in Hardware Team");
        assertThat(tickets.get(done.id()).assignee()).as("closed tickets are history").isEqualTo(prefix + "ann");
        assertThat(profiles.findAgent(prefix + "ann")).isEmpty();
        assertThat(profiles.agents()).extracting(Agent::name).containsExactly(prefix + "bob");
        assertThatThrownBy(() -> profiles.delete(prefix + "ann")).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("No agent named '" + prefix + "ann'");
    }

    @Test
    void policyNoneAssignsNobody() {
        agent("ann", 5, HARDWARE);
        policies.setPolicy(HARDWARE, "none");
        settle();

        assertThat(assignment.assign(route("Projector bulb gone", HARDWARE), null)).isEmpty();
        assertThat(assignment.releaseAll()).isZero();
        assertThatThrownBy(() -> policies.setPolicy(HARDWARE, "random"))
                .isInstanceOf(InvalidFieldException.class).hasMessageContaining("round_robin, least_loaded");
    }

    @Test
    void expertisePicksTheAgentWhoClosedSimilarTicketsAndNamesThem(@Autowired KnowledgeBase knowledge)
            throws InterruptedException {
        assertThat(knowledge.awaitReady(Duration.ofMinutes(3))).as("the starter examples are loaded").isTrue();
        agent("ann", 10, NETWORK);
        agent("bob", 10, NETWORK);
        policies.setPolicy(NETWORK, "none");
        settle();
        List<Long> vpnTickets = new ArrayList<>();
        for (String title : List.of("VPN client disconnects every few minutes from home",
                "VPN tunnel drops when working remotely", "Cannot stay connected to the VPN from the hotel")) {
            Ticket ticket = route(title, NETWORK);
            tickets.change(ticket.id(), new AgentChange(null, null, null, prefix + "bob", "lead"));
            tickets.changeStatus(ticket.id(), TicketStatus.CLOSED);
            vpnTickets.add(ticket.id());
        }
        Ticket wifi = route("Office wifi printer unreachable on the guest network", NETWORK);
        tickets.change(wifi.id(), new AgentChange(null, null, null, prefix + "ann", "lead"));
        tickets.changeStatus(wifi.id(), TicketStatus.CLOSED);
        policies.setPolicy(NETWORK, "expertise");
        settle();

        Ticket assigned = assignment.assign(route("VPN keeps dropping my connection at home", NETWORK), null)
                .orElseThrow();

        assertThat(assigned.assignee()).as(assigned.assignmentReason()).isEqualTo(prefix + "bob");
        assertThat(assigned.assignmentReason()).startsWith("Expertise in Network Team: " + prefix + "bob closed")
                .contains("#" + vpnTickets.get(0)).contains("#" + vpnTickets.get(1));
    }

    @Test
    void aTicketLeftRoutedButUnassignedByACrashIsAssignedByThePeriodicCheck(@Autowired PeriodicChecks checks) {
        agent("ann", 5, HARDWARE);
        // the state a process killed between committing the routing and the assignment leaves behind
        Ticket orphan = route("Dock not charging the laptop", HARDWARE);

        checks.run();

        assertThat(tickets.get(orphan.id()).assignee()).isEqualTo(prefix + "ann");
        checks.run();
        assertThat(heard.assigned).extracting(event -> event.ticket().id()).containsOnlyOnce(orphan.id());
    }

    @Test
    void releasesFromManyWorkersAtOnceAssignEachTicketOnceAndRespectEveryMaximum() throws Exception {
        agents(HARDWARE, 2, "ann", "bob", "cid");
        List<Ticket> waiting = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            waiting.add(route("Broken headset " + i, HARDWARE));
        }

        concurrently(List.of(1, 2, 3, 4, 5, 6, 7, 8), worker -> assignment.releaseAll());

        assertThat(heard.assigned).hasSize(6);
        assertThat(heard.assigned).extracting(event -> event.ticket().id()).doesNotHaveDuplicates();
        assertThat(profiles.agents()).allSatisfy(agent -> assertThat(agent.openTickets()).isEqualTo(2));
        assertThat(queues.waitingTickets(HARDWARE, 20)).hasSize(6);
    }

    List<String> agents(String team, int max, String... names) {
        List<String> full = new ArrayList<>();
        for (String name : names) {
            full.add(agent(name, max, team));
        }
        return full;
    }

    /** Adds an agent, and waits for the release of their team's queue that follows. */
    String agent(String name, int max, String team) {
        profiles.put(prefix + name, new AgentProfile(null, List.of(team), "available", max));
        settle();
        return prefix + name;
    }

    void settle() {
        try {
            assertThat(assignment.awaitBackground(TIMEOUT)).isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new ticket routed to {@code team}, as the triage engine stores its decision. */
    Ticket route(String title, String team) {
        return route(title, team, Priority.MEDIUM);
    }

    Ticket route(String title, String team, Priority priority) {
        long id = tickets.create(new NewTicket(title, "", null, null)).id();
        return tickets.applyTriage(id, new TriageOutcome(team, priority, Level.TIER_1, 0.9, team, null))
                .orElseThrow();
    }

    /** Runs {@code work} on every item at once, from as many threads, and returns the results in order. */
    static <T, R> List<R> concurrently(List<T> items, Function<T, R> work) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(items.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<R>> results = new ArrayList<>();
            for (T item : items) {
                results.add(threads.submit(() -> {
                    start.await();
                    return work.apply(item);
                }));
            }
            start.countDown();
            List<R> done = new ArrayList<>();
            for (Future<R> result : results) {
                done.add(result.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
            }
            return done;
        } finally {
            threads.shutdownNow();
        }
    }
}
