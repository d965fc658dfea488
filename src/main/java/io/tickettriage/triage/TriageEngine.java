package io.tickettriage.triage;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.tickettriage.knowledge.KnowledgeBase;
import io.tickettriage.knowledge.TicketText;
import io.tickettriage.ticket.Level;
import io.tickettriage.ticket.Priority;
import io.tickettriage.ticket.Ticket;
import io.tickettriage.ticket.TicketLanguage;
import io.tickettriage.triage.TriageDecision.Explanation;

import org.springframework.stereotype.Service;

/**
 * Classifies a ticket's text and applies the routing policy: a team is chosen only when its calibrated
 * probability reaches the team's own threshold (chosen on cross-validation folds to meet the precision target),
 * the ticket resembles known examples, and the team has enough examples to be trusted. Everything else goes to
 * Manual Review with the reason in words. Escalation rules then raise priority and tier where they must.
 */
@Service
public class TriageEngine {

    static final String DECIDED_BY_LOCAL = "local";

    private final Classifier classifier;
    private final KnowledgeBase knowledge;
    private final TriageProperties properties;
    private final LlmReview llmReview;

    TriageEngine(Classifier classifier, KnowledgeBase knowledge, TriageProperties properties, LlmReview llmReview) {
        this.classifier = classifier;
        this.knowledge = knowledge;
        this.properties = properties;
        this.llmReview = llmReview;
    }

    /** Decides on a text that has not been embedded yet: {@code POST /triage}. */
    public TriageDecision decide(String title, String description) {
        return decide(title, description, knowledge.embed(TicketText.of(title, description)));
    }

    /**
     * Decides on a ticket whose text the caller has embedded, once: the classifier, the LLM stage's similar examples
     * and incident detection all use that one vector.
     */
    public TriageDecision decide(String title, String description, float[] vector) {
        Classification result = classifier.classify(title, description, vector);
        String reason = refusal(result);
        boolean routed = reason == null;
        if (routed) {
            reason = ScoreText.routed(result.team(), result.score(), result.threshold());
        }
        if (result.basis() != null) {
            reason = reason + ": " + result.basis();
        }
        EscalationRules.Outcome escalated = EscalationRules.apply(TicketText.of(title, description),
                result.priority(), result.level());
        Explanation explanation = new Explanation(DECIDED_BY_LOCAL, result.model(), result.scores(),
                result.evidence(), result.threshold(), properties.minSimilarity(),
                result.team().isEmpty() ? null : result.team(), reason, escalated.hits(),
                TicketLanguage.detect(title, description));
        TriageDecision local = new TriageDecision(routed ? result.team() : Ticket.MANUAL_REVIEW, escalated.priority(),
                escalated.level(), result.team().isEmpty() ? null : result.score(), reason, explanation);
        // LLM stage (off unless configured): may take over the decision, see LlmReview for when and how.
        return llmReview.review(title, description, vector, local);
    }

    /**
     * A decision for when triage could not run at all: Manual Review, with the priority and tier the ticket already
     * has (stated or default), since the engine has no judgement of its own to replace them with.
     */
    TriageDecision failed(String reason, Priority priority, Level level) {
        Explanation explanation = new Explanation(DECIDED_BY_LOCAL, "none", Map.of(), List.of(),
                properties.confidenceThreshold(), properties.minSimilarity(), null, reason, List.of(), null);
        return new TriageDecision(Ticket.MANUAL_REVIEW, priority, level, null, reason, explanation);
    }

    private String refusal(Classification result) {
        if (result.team().isEmpty() && knowledge.size() == 0) {
            return "No labelled examples to compare with yet";
        }
        if (result.evidence().isEmpty()) {
            return "Unlike any known ticket: no example in its language is near it";
        }
        if (result.bestSimilarity() < properties.minSimilarity()) {
            return String.format(Locale.ROOT, "Unlike any known ticket (best similarity %.2f, minimum %.2f)",
                    result.bestSimilarity(), properties.minSimilarity());
        }
        if (result.outOfScope() != null) {
            return result.outOfScope();
        }
        int examples = knowledge.examplesOf(result.team());
        if (examples < properties.minTeamExamples()) {
            return String.format(Locale.ROOT, "%s has only %d examples; at least %d are needed to route to it",
                    result.team(), examples, properties.minTeamExamples());
        }
        if (result.threshold() > 1) {
            return String.format(Locale.ROOT, "%s: no threshold reaches the %.0f%% precision target on its history "
                    + "yet (scored %.2f)", result.team(), properties.targetPrecision() * 100, result.score());
        }
        if (result.score() < result.threshold()) {
            return ScoreText.belowThreshold(result.team(), result.score(), result.threshold());
        }
        return null;
    }
}
