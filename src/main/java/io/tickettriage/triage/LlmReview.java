package io.tickettriage.triage;

import java.util.List;
import java.util.Locale;

import io.tickettriage.knowledge.KnowledgeBase;
import io.tickettriage.llm.LlmAnswer;
import io.tickettriage.llm.LlmProperties;
import io.tickettriage.llm.LlmQuestion;
import io.tickettriage.llm.LlmStage;
import io.tickettriage.ticket.Ticket;
import io.tickettriage.triage.TriageDecision.Explanation;
import io.tickettriage.triage.TriageDecision.LlmStep;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The LLM stage's turn, after the local decision: in {@code assist} mode for tickets the local engine sends to
 * Manual Review, in {@code always} mode for every ticket. A valid answer decides; anything else leaves the local
 * decision standing, with the reason added. Either way the explanation records what the model was asked for and
 * what came of it. The service and {@code eval} share this class, so a comparison measures what the service does.
 */
@Component
class LlmReview {

    static final String DECIDED_BY_LLM = "llm";
    private static final int TITLES_PER_TEAM = 3;

    private final LlmStage stage;
    private final LlmContext context;
    private final int minTeamExamples;
    private final int examples;

    @Autowired
    LlmReview(LlmStage stage, KnowledgeBase knowledge, TriageProperties triage, LlmProperties settings) {
        this(stage, LlmContext.of(knowledge), triage.minTeamExamples(), settings.examples());
    }

    /**
     * @param minTeamExamples  the fewest examples a team needs before policy lets tickets go to it
     * @param examples         how many similar examples the question carries
     */
    LlmReview(LlmStage stage, LlmContext context, int minTeamExamples, int examples) {
        this.stage = stage;
        this.context = context;
        this.minTeamExamples = minTeamExamples;
        this.examples = examples;
    }

    LlmStage stage() {
        return stage;
    }

    /** Reviews a decision without the ticket's vector: similar examples are found by embedding its text. */
    TriageDecision review(String title, String description, TriageDecision local) {
        return review(title, description, null, local);
    }

    /** @param vector the ticket's embedding when the caller has it, so the similar examples cost no second one */
    TriageDecision review(String title, String description, float @Nullable [] vector, TriageDecision local) {
        if (!stage.wantsToSee(Ticket.MANUAL_REVIEW.equals(local.assignedTo()))) {
            return local;
        }
        LlmAnswer answer;
        try {
            answer = stage.ask(question(title, description, vector));
        } catch (RuntimeException e) {
            // Finding the examples failed (the stage itself never throws): the local decision is already made.
            answer = new LlmAnswer(LlmAnswer.Status.SKIPPED, null, null, null,
                    "Could not prepare the question: " + e.getClass().getSimpleName(), "none", 0);
        }
        LlmStep step = new LlmStep(stage.mode().label(), answer.model(),
                answer.status().name().toLowerCase(Locale.ROOT), answer.team(), answer.priority(), answer.level(),
                answer.reason(), answer.requests(), local.assignedTo(), local.reason());
        Explanation was = local.explanation();
        if (!answer.answered()) {
            String reason = local.reason() + "; " + switch (answer.status()) {
                case REJECTED -> "the LLM's answer was rejected: ";
                case SKIPPED -> "the LLM was not asked: ";
                default -> "the LLM gave no answer: ";
            } + answer.reason();
            return new TriageDecision(local.assignedTo(), local.priority(), local.level(), local.confidence(), reason,
                    new Explanation(was.decidedBy(), was.model(), was.scores(), was.nearestExamples(), was.threshold(),
                            was.minSimilarity(), was.preferredTeam(), reason, was.ruleHits(), step, was.language()));
        }
        String team = answer.team() == null ? Ticket.MANUAL_REVIEW : answer.team();
        String reason = (answer.team() == null ? "The LLM (" + answer.model() + ") found no fitting team: "
                : "Decided by the LLM (" + answer.model() + "): ") + answer.reason();
        return new TriageDecision(team, answer.priority(), answer.level(), null, reason,
                new Explanation(DECIDED_BY_LLM, was.model(), was.scores(), was.nearestExamples(), was.threshold(),
                        was.minSimilarity(), was.preferredTeam(), reason, was.ruleHits(), step, was.language()));
    }

    /** The teams policy lets tickets go to, and the known examples most like this ticket. */
    private LlmQuestion question(String title, String description, float @Nullable [] vector) {
        List<LlmQuestion.Team> teams = context.teams().stream()
                .filter(team -> context.examplesOf(team) >= minTeamExamples)
                .map(team -> new LlmQuestion.Team(team, context.titlesOf(team, TITLES_PER_TEAM)))
                .toList();
        List<LlmQuestion.Example> nearest = examples == 0 ? List.of()
                : context.nearest(title, description, vector, examples);
        return new LlmQuestion(title, description, teams, nearest);
    }
}
