package io.tickettriage.triage;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tickettriage.assignment.AssignmentManagement;
import io.tickettriage.jobs.JobHandler;
import io.tickettriage.incident.IncidentDetection;
import io.tickettriage.incident.IncidentDetection.Assessment;
import io.tickettriage.knowledge.KnowledgeBase;
import io.tickettriage.knowledge.TicketText;
import io.tickettriage.ticket.Ticket;
import io.tickettriage.ticket.TicketManagement;
import io.tickettriage.ticket.TicketStatus;
import io.tickettriage.ticket.TriageOutcome;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The "classify ticket N" job: recorded in the transaction that creates the ticket, run by a worker, and
 * harmless to repeat, since only a pending ticket takes a decision.
 */
@Component
class ClassifyTicketJob implements JobHandler {

    static final String TYPE = "classify";
    private static final Logger log = LoggerFactory.getLogger(ClassifyTicketJob.class);
    private static final Duration KNOWLEDGE_WAIT = Duration.ofSeconds(60);

    private final TicketManagement tickets;
    private final TriageEngine engine;
    private final KnowledgeBase knowledge;
    private final IncidentDetection incidents;
    private final AssignmentManagement assignment;
    private final JsonMapper json;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Timer latency;

    ClassifyTicketJob(TicketManagement tickets, TriageEngine engine, KnowledgeBase knowledge,
            IncidentDetection incidents, AssignmentManagement assignment, JsonMapper json, Clock clock,
            MeterRegistry meters) {
        this.assignment = assignment;
        this.tickets = tickets;
        this.engine = engine;
        this.knowledge = knowledge;
        this.incidents = incidents;
        this.json = json;
        this.clock = clock;
        this.meters = meters;
        this.latency = Timer.builder("triage.routing.latency")
                .description("Time from ticket creation to its routing decision")
                .publishPercentileHistogram()
                .register(meters);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void handle(long ticketId) throws Exception {
        Optional<Ticket> ticket = tickets.find(ticketId);
        if (ticket.isEmpty()) {
            return;
        }
        if (ticket.get().status() != TicketStatus.PENDING) {
            // Decided by an earlier run of this job whose worker died before the job was marked done, perhaps
            // before the decision reached live clients: announce it again (clients hear it once either way).
            tickets.announceRoutingAgain(ticket.get());
            assign(ticket.get(), null);
            return;
        }
        if (!knowledge.awaitReady(KNOWLEDGE_WAIT)) {
            throw new IllegalStateException("The knowledge base is still loading");
        }
        Ticket pending = ticket.get();
        // Embedded once: the engine, the LLM stage's similar examples and incident detection share the vector.
        float[] vector = knowledge.embed(TicketText.of(pending.title(), pending.description()));
        TriageDecision decision = engine.decide(pending.title(), pending.description(), vector);
        Assessment assessment = incidents.assess(ticketId, pending.title(), vector, pending.createdAt());
        store(ticketId, decision, assessment, vector);
    }

    @Override
    public void giveUp(long ticketId, String reason) {
        String unchanged = "kept, as automatic triage failed";
        tickets.find(ticketId).ifPresent(ticket -> store(ticketId,
                engine.failed("Automatic triage failed: " + reason, ticket.priority(), ticket.level()),
                new Assessment(List.of(), null), unchanged, unchanged, null));
    }

    private void store(long ticketId, TriageDecision decision, Assessment assessment, float[] vector) {
        store(ticketId, decision, assessment, PriorityReasons.priority(decision), PriorityReasons.level(decision),
                vector);
    }

    private void store(long ticketId, TriageDecision decision, Assessment assessment, String priorityReason,
            String levelReason, float @Nullable [] vector) {
        ObjectNode explanation = json.valueToTree(decision.explanation());
        explanation.set("possible_duplicates", json.valueToTree(assessment.duplicates()));
        if (assessment.incidentId() != null) {
            explanation.put("incident_id", assessment.incidentId());
        }
        explanation.put("priority_reason", priorityReason);
        explanation.put("level_reason", levelReason);
        TriageOutcome outcome = new TriageOutcome(decision.assignedTo(), decision.priority(), decision.level(),
                decision.confidence(), decision.reason(), json.writeValueAsString(explanation),
                assessment.duplicates(), priorityReason, levelReason);
        tickets.applyTriage(ticketId, outcome).ifPresent(routed -> {
            latency.record(Duration.between(routed.createdAt(), clock.instant()));
            Counter.builder("triage.tickets.routed")
                    .description("Tickets routed, by team (Manual Review included)")
                    .tag("team", routed.assignedTo())
                    .register(meters)
                    .increment();
            assign(routed, vector);
        });
    }

    /**
     * Gives the routed ticket to an agent of its team, with the vector computed above (the expertise policy looks
     * for similar closed tickets). A failure leaves the ticket in its team's queue, which the periodic check of
     * assignment releases: the routing stands either way.
     */
    private void assign(Ticket routed, float @Nullable [] vector) {
        try {
            assignment.assign(routed, vector);
        } catch (RuntimeException e) {
            log.warn("Ticket {} is routed; assigning it failed for now and is retried: {}", routed.id(), e.toString());
        }
    }
}
