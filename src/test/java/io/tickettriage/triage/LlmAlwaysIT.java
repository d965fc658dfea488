package io.tickettriage.triage;

import static io.tickettriage.support.FakeOpenAi.answer;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import io.tickettriage.knowledge.KnowledgeBase;
import io.tickettriage.support.FakeOpenAi;
import io.tickettriage.support.FakeOpenAiEndpoint;
import io.tickettriage.ticket.Priority;
import io.tickettriage.ticket.Ticket;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/** In always mode every ticket goes to the model; its valid answer decides, and nothing else does. */
@SpringBootTest(properties = {"triage.auth=none", "DATABASE_URL=sqlite:///target/it-${random.uuid}.db",
        "triage.knowledge.dir=target/knowledge-${random.uuid}", "triage.jobs.workers=0", "triage.llm.mode=always",
        "triage.llm.max-attempts=2", "triage.llm.retry-backoff=10ms"})
@Import(FakeOpenAiEndpoint.class)
class LlmAlwaysIT {

    @Autowired
    FakeOpenAi llm;

    @Autowired
    TriageEngine engine;

    @Autowired
    KnowledgeBase knowledge;

    @BeforeEach
    void knowledgeLoaded() throws InterruptedException {
        assertThat(knowledge.awaitReady(Duration.ofSeconds(60))).isTrue();
        llm.reset();
    }

    @Test
    void asksAboutEveryTicketAndAValidAnswerDecides() {
        llm.then(answer("Software Team", "Low", "Tier 1", "The power button issue is a driver update."));

        TriageDecision decision = engine.decide("My laptop will not power on even when plugged in", "");

        assertThat(llm.calls()).hasSize(1);
        assertThat(decision.assignedTo()).isEqualTo("Software Team");
        assertThat(decision.priority()).isEqualTo(Priority.LOW);
        assertThat(decision.explanation().decidedBy()).isEqualTo("llm");
        assertThat(decision.explanation().llm().mode()).isEqualTo("always");
        assertThat(decision.explanation().llm().localDecision()).isEqualTo("Hardware Team");
        assertThat(decision.explanation().preferredTeam()).as("the local scores are kept").isEqualTo("Hardware Team");
    }

    @Test
    void aModelThatFindsNoFittingTeamSendsTheTicketToManualReview() {
        llm.then(answer("none", "Medium", "Tier 1", "This is about the canteen menu."));

        TriageDecision decision = engine.decide("Canteen menu for Friday", "What is for lunch?");

        assertThat(decision.assignedTo()).isEqualTo(Ticket.MANUAL_REVIEW);
        assertThat(decision.reason()).isEqualTo("The LLM (gpt-4o-mini) found no fitting team: This is about the"
                + " canteen menu.");
    }

    @Test
    void theLocalDecisionStandsWhenTheModelFails() {
        llm.otherwise(call -> FakeOpenAi.status(503, "{\"error\":{\"message\":\"overloaded\"}}"));

        TriageDecision decision = engine.decide("My laptop will not power on even when plugged in", "");

        assertThat(llm.calls()).hasSize(2);
        assertThat(decision.assignedTo()).isEqualTo("Hardware Team");
        assertThat(decision.confidence()).isNotNull();
        assertThat(decision.reason()).startsWith("Hardware Team with confidence")
                .endsWith("; the LLM gave no answer: HTTP 503: overloaded (after 2 attempts)");
        assertThat(decision.explanation().decidedBy()).isEqualTo("local");
    }
}
