package io.tickettriage.triage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.tickettriage.knowledge.EmbeddingModel;
import io.tickettriage.knowledge.KnowledgeBase;
import io.tickettriage.ticket.Level;
import io.tickettriage.ticket.Priority;
import io.tickettriage.ticket.Ticket;
import io.tickettriage.ticket.TicketManagement;
import io.tickettriage.ticket.TicketManagement.AgentChange;
import io.tickettriage.ticket.TicketManagement.NewTicket;
import io.tickettriage.ticket.TicketStatus;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The classify job run by hand, with no background workers, so that its ordering against agents' changes
 * is under the test's control.
 */
@SpringBootTest(properties = {"triage.auth=none", "DATABASE_URL=sqlite:///target/it-${random.uuid}.db",
        "triage.knowledge.dir=target/knowledge-${random.uuid}", "triage.jobs.workers=0"})
class ClassifyTicketJobIT {

    static final AtomicInteger embedded = new AtomicInteger();

    /** Counts what the real embedding model is asked to embed. */
    @TestConfiguration
    static class CountingEmbeddings {

        @Bean
        static BeanPostProcessor countingEmbeddings() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    if (!(bean instanceof EmbeddingModel model)) {
                        return bean;
                    }
                    return new EmbeddingModel() {
                        @Override
                        public String id() {
                            return model.id();
                        }

                        @Override
                        public float[] embed(String text) {
                            embedded.incrementAndGet();
                            return model.embed(text);
                        }
                    };
                }
            };
        }
    }

    @Autowired
    ClassifyTicketJob job;

    @Autowired
    TicketManagement tickets;

    @Autowired
    KnowledgeBase knowledge;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void knowledgeLoaded() throws InterruptedException {
        assertThat(knowledge.awaitReady(Duration.ofSeconds(60))).isTrue();
    }

    @Test
    void creatingATicketRecordsItsJobInTheSameTransaction() {
        long id = tickets.create(new NewTicket("Docking station not detected", "", null, null)).id();

        assertThat(jdbc.sql("SELECT type FROM jobs WHERE subject_id = ?").param(id).query(String.class).list())
                .containsExactly("classify");
        assertThat(tickets.get(id).status()).isEqualTo(TicketStatus.PENDING);
    }

    @Test
    void runningAJobTwiceChangesNothingTheSecondTime() throws Exception {
        long id = tickets.create(new NewTicket("Wi-Fi keeps dropping in meeting room B", "", null, null)).id();

        job.handle(id);
        Ticket first = tickets.get(id);
        job.handle(id);
        Ticket second = tickets.get(id);

        assertThat(first.status()).isEqualTo(TicketStatus.ROUTED);
        assertThat(second).isEqualTo(first);
    }

    @Test
    void aTicketIsEmbeddedOnceForTheEngineTheLlmContextAndIncidentDetection() throws Exception {
        // The out-of-scope references are embedded once, in the background after start or by the first ticket
        // routed to a team: a ticket routed first has them embedded before the one counted here.
        job.handle(tickets.create(new NewTicket("Printer on floor 3 jams on every job", "", null, null)).id());
        long id = tickets.create(new NewTicket("Docking station does not charge the laptop",
                "The dock on desk 14 powers the screens but not the laptop", null, null)).id();
        int before = embedded.get();

        job.handle(id);

        assertThat(tickets.get(id).status()).isEqualTo(TicketStatus.ROUTED);
        assertThat(embedded.get() - before).isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM ticket_vectors WHERE ticket_id = ?").param(id).query(Long.class)
                .single()).isEqualTo(1);
    }

    @Test
    void aLateResultNeverOverwritesWhatAnAgentChanged() throws Exception {
        long id = tickets.create(new NewTicket("Laptop battery swollen and case cracked", "", null, null)).id();
        tickets.change(id, new AgentChange(null, "Urgent", "Tier 3"));

        job.handle(id);

        Ticket ticket = tickets.get(id);
        assertThat(ticket.status()).isEqualTo(TicketStatus.ROUTED);
        assertThat(ticket.assignedTo()).isEqualTo("Hardware Team");
        assertThat(ticket.priority()).isEqualTo(Priority.URGENT);
        assertThat(ticket.level()).isEqualTo(Level.TIER_3);
    }

    @Test
    void aTeamChosenByAnAgentBeforeTriageStands() throws Exception {
        long id = tickets.create(new NewTicket("Laptop fan is very loud", "", null, null)).id();
        tickets.change(id, new AgentChange("Security Team", null, null));

        job.handle(id);

        Ticket ticket = tickets.get(id);
        assertThat(ticket.assignedTo()).isEqualTo("Security Team");
        assertThat(ticket.status()).isEqualTo(TicketStatus.ROUTED);
    }

    @Test
    void aJobForADeletedOrClosedTicketDoesNothing() throws Exception {
        long deleted = tickets.create(new NewTicket("Mouse double-clicks", "", null, null)).id();
        tickets.delete(deleted);
        job.handle(deleted);

        long closed = tickets.create(new NewTicket("Printer offline", "", null, null)).id();
        tickets.changeStatus(closed, TicketStatus.CLOSED);
        job.handle(closed);

        assertThat(tickets.find(deleted)).isEmpty();
        assertThat(tickets.get(closed).status()).isEqualTo(TicketStatus.CLOSED);
        assertThat(tickets.get(closed).assignedTo()).isEmpty();
    }

    @Test
    void givingUpRoutesToManualReviewButKeepsTheRequestersChoices() {
        long id = tickets.create(new NewTicket("Something odd", "", "High", null)).id();

        job.giveUp(id, "IllegalStateException: boom");

        Ticket ticket = tickets.get(id);
        assertThat(ticket.assignedTo()).isEqualTo(Ticket.MANUAL_REVIEW);
        assertThat(ticket.priority()).isEqualTo(Priority.HIGH);
        assertThat(ticket.triageReason()).contains("boom");
        assertThat(tickets.explanation(id)).contains("\"decided_by\":\"local\"");
    }
}
