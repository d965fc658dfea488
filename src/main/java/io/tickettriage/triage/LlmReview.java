package io.tickettriage.triage;

import java.util.List;
import java.util.Locale;

import io.tickettriage.knowledge.KnowledgeBase;
import io.tickettriage.knowledge.TicketText;
import io.tickettriage.llm.LlmAnswer;
import io.tickettriage.llm.LlmProperties;
import io.tickettriage.llm.LlmQuestion;
import io.tickettriage.llm.LlmStage;
import io.tickettriage.ticket.Ticket;
import io.tickettriage.triage.TriageDecision.Explanation;
import io.tickettriage.triage.TriageDecision.LlmStep;

import org.springframework.stereotype.Component;

/**
 * The LLM stage's turn, after the local decision: in {@code assist} mode for tickets the local engine sends to
 * Manual Review, in {@code always} mode for every ticket. A valid answer decides; anything else leaves the local
 * decision standing, with the reason added. Either way the explanation records what the model was asked for and
 * what came of it.
 */
@Component
class LlmReview {

    static final String DECIDED_BY_LLM = "llm";
    private static final int TITLES_PER_TEAM = 3;

    private final LlmStage stage;
    private final KnowledgeBase knowledge;
    private final TriageProperties triage;
    private final LlmProperties settings;

    LlmReview(LlmStage stage, KnowledgeBase knowledge, TriageProperties triage, LlmProperties settings) {
        this.stage = stage;
        this.knowledge = knowledge;
        this.triage = triage;
        this.settings = settings;
    }

    TriageDecision review(String title, String description, TriageDecision local) {
        if (!stage.wantsToSee(Ticket.MANUAL_REVIEW.equals(local.assignedTo()))) {
            return local;
        }
        LlmAnswer answer;
        try {
            answer = stage.ask(question(title, description));
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
                            was.minSimilarity(), was.preferredTeam(), reason, was.ruleHits(), step));
        }
        String team = answer.team() == null ? Ticket.MANUAL_REVIEW : answer.team();
        String reason = (answer.team() == null ? "The LLM (" + answer.model() + ") found no fitting team: "
                : "Decided by the LLM (" + answer.model() + "): ") + answer.reason();
        return new TriageDecision(team, answer.priority(), answer.level(), null, reason,
                new Explanation(DECIDED_BY_LLM, was.model(), was.scores(), was.nearestExamples(), was.threshold(),
                        was.minSimilarity(), was.preferredTeam(), reason, was.ruleHits(), step));
    }

    /** The teams policy lets tickets go to, and the stored examples most like this ticket. */
    private LlmQuestion question(String title, String description) {
        List<LlmQuestion.Team> teams = knowledge.teams().stream()
                .filter(team -> knowledge.examplesOf(team) >= triage.minTeamExamples())
                .map(team -> new LlmQuestion.Team(team, knowledge.sampleOf(team, TITLES_PER_TEAM).stream()
                        .map(example -> example.title()).toList()))
                .toList();
        List<LlmQuestion.Example> examples = settings.examples() == 0 ? List.of()
                : knowledge.nearest(knowledge.embed(TicketText.of(title, description)), settings.examples()).stream()
                        .map(n -> new LlmQuestion.Example(n.example().title(), n.example().description(),
                                n.example().team(), n.example().priority(), n.example().level()))
                        .toList();
        return new LlmQuestion(title, description, teams, examples);
    }
}
