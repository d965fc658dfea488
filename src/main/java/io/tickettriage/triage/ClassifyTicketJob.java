package io.tickettriage.triage;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tickettriage.jobs.JobHandler;
import io.tickettriage.incident.IncidentDetection;
import io.tickettriage.incident.IncidentDetection.Assessment;
import io.tickettriage.knowledge.KnowledgeBase;
import io.tickettriage.knowledge.TicketText;
import io.tickettriage.ticket.Ticket;
import io.tickettriage.ticket.TicketManagement;
import io.tickettriage.ticket.TicketStatus;
import io.tickettriage.ticket.TriageOutcome;

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
    private static final Duration KNOWLEDGE_WAIT = Duration.ofSeconds(60);

    private final TicketManagement tickets;
    private final TriageEngine engine;
    private final KnowledgeBase knowledge;
    private final IncidentDetection incidents;
    private final JsonMapper json;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Timer latency;

    ClassifyTicketJob(TicketManagement tickets, TriageEngine engine, KnowledgeBase knowledge,
            IncidentDetection incidents, JsonMapper json, Clock clock, MeterRegistry meters) {
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
        store(ticketId, decision, assessment);
    }

    @Override
    public void giveUp(long ticketId, String reason) {
        String unchanged = "kept, as automatic triage failed";
        tickets.find(ticketId).ifPresent(ticket -> store(ticketId,
                engine.failed("Automatic triage failed: " + reason, ticket.priority(), ticket.level()),
                new Assessment(List.of(), null), unchanged, unchanged));
    }

    private void store(long ticketId, TriageDecision decision, Assessment assessment) {
        store(ticketId, decision, assessment, PriorityReasons.priority(decision), PriorityReasons.level(decision));
    }

    private void store(long ticketId, TriageDecision decision, Assessment assessment, String priorityReason,
            String levelReason) {
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
        });
    }
}
