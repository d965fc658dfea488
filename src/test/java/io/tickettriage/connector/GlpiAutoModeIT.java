package io.tickettriage.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import io.tickettriage.support.FakeGlpi;
import io.tickettriage.support.FakeGlpiEndpoint;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * The GLPI connector in auto mode against a fake GLPI on loopback: GLPI 11 webhooks and their signature, the group
 * (Group_Ticket type 2) and priority written back while an agent's choice is kept, the private follow-up below the
 * threshold, learning from solves and moves, polling from the stored cursor across a restart, and GLPI's faults.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = {"triage.jobs.retry-backoff=50ms", "triage.glpi.app-token=" + FakeGlpi.APP_TOKEN,
        "triage.glpi.user-token=" + FakeGlpi.USER_TOKEN, "triage.glpi.webhook-secret=" + GlpiAutoModeIT.SECRET,
        "triage.glpi.mode=auto", "triage.glpi.timeout=1s", "triage.glpi.read-attempts=2",
        "triage.glpi.poll-interval=1h"})
@Import(FakeGlpiEndpoint.class)
class GlpiAutoModeIT extends HelpdeskFixture {

    static final String SECRET = "glpi-hook-secret-5d1e";

    @Autowired
    FakeGlpi glpi;

    /** GLPI has groups named as the product's starter teams, which auto mode assigns and agents move tickets to. */
    @BeforeEach
    void groups() {
        STARTER_TEAMS.forEach(glpi::group);
    }

    GlpiAutoModeIT() {
        super("glpi");
    }

    @Test
    void aSignedWebhookBecomesARoutedTicketAndAutoModeAssignsTheGroupAndPriorityInGlpi() {
        int glpiId = glpi.openTicket("Laptop screen flickers after docking",
                "Since this morning my <b>external monitor</b> flickers whenever the laptop is docked.");

        HttpResponse<String> answer = webhook(glpi.webhook("new", glpiId, SECRET, 1_767_600_000L));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode taken = JSON.readTree(answer.body());
        assertThat(taken.get("outcome").asString()).isEqualTo("created");
        long ticketId = taken.get("ticket_id").asLong();
        JsonNode ticket = ticket(ticketId);
        assertThat(ticket.get("channel").asString()).isEqualTo("glpi");
        assertThat(ticket.get("description").asString()).contains("external monitor flickers").doesNotContain("<b>");
        awaitRouted(ticketId, "Hardware Team");

        awaitWriteBack(glpiId, "done");
        assertThat(glpi.assignedGroups(glpiId)).containsExactly("Hardware Team");
        FakeGlpi.Call assign = glpi.calls("POST /Group_Ticket").stream()
                .filter(call -> call.json().path("input").path("tickets_id").asInt() == glpiId).findFirst()
                .orElseThrow();
        assertThat(assign.json().path("input").path("type").asInt()).isEqualTo(FakeGlpi.ASSIGNED);
        assertThat(assign.header("App-Token")).isEqualTo(FakeGlpi.APP_TOKEN);
        assertThat(assign.header("Session-Token")).isNotBlank();
        String priority = ticket(ticketId).get("priority").asString();
        assertThat(glpi.ticket(glpiId).priority).isEqualTo(switch (priority) {
            case "Low" -> 2;
            case "High" -> 4;
            case "Urgent" -> 5;
            default -> 3;
        });
        assertThat(glpi.followups(glpiId)).isEmpty();

        // GLPI calls again for the product's own update: nothing new, nothing learned
        HttpResponse<String> again = webhook(glpi.webhook("update", glpiId, SECRET, 1_767_600_100L));
        assertThat(JSON.readTree(again.body()).get("ticket_id").asLong()).isEqualTo(ticketId);
        assertThat(api.get("/tickets/" + ticketId + "/corrections").json()).isEmpty();
    }

    @Test
    void webhookCallsWithoutOrWithAWrongSignatureAreRefusedWith401AndChangeNothing() {
        int glpiId = glpi.openTicket("VPN drops every five minutes", "The VPN client disconnects all the time.");
        FakeGlpi.Delivery genuine = glpi.webhook("new", glpiId, SECRET, 1_767_600_000L);
        FakeGlpi.Delivery forged = glpi.webhook("new", glpiId, "not-the-secret", 1_767_600_000L);
        long before = jdbc.sql("SELECT COUNT(*) FROM tickets").query(Long.class).single();
        glpi.clearCalls();

        HttpResponse<String> unsigned = webhook(genuine.body(), Map.of());
        HttpResponse<String> wrong = webhook(forged);
        HttpResponse<String> tampered = webhook(new FakeGlpi.Delivery(genuine.body().replace("VPN drops", "VPN works"),
                genuine.signature(), genuine.timestamp()));
        HttpResponse<String> replayedWithAnotherTime = webhook(new FakeGlpi.Delivery(genuine.body(),
                genuine.signature(), "1767600001"));

        for (HttpResponse<String> refused : List.of(unsigned, wrong, tampered, replayedWithAnotherTime)) {
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(refused.body()).contains("X-GLPI-signature").doesNotContain(SECRET);
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM tickets").query(Long.class).single()).isEqualTo(before);
        assertThat(store.find("glpi", String.valueOf(glpiId))).isEmpty();
        assertThat(glpi.calls()).isEmpty();
        assertThat(meters.find("triage.connector.webhooks.rejected").tag("connector", "glpi").counter().count())
                .isGreaterThanOrEqualTo(4);
    }

    @Test
    void aGroupAnAgentChoseInGlpiAfterCreationIsNeverOverwritten() {
        int glpiId = glpi.openTicket("Laptop keyboard keys stick after coffee spill",
                "Several laptop keys stick since I spilled coffee on the keyboard.");
        FakeGlpi.Delivery atCreation = glpi.webhook("new", glpiId, SECRET, 1_767_600_000L);
        // GLPI's queue sends the webhook late; meanwhile an agent assigned the ticket and raised its priority
        glpi.assign(glpiId, "Network Team");
        glpi.setPriority(glpiId, 5);

        long ticketId = takenIn(webhook(atCreation));
        awaitRouted(ticketId, "Hardware Team");
        awaitWriteBack(glpiId, "done");

        assertThat(glpi.assignedGroups(glpiId)).containsExactly("Network Team");
        assertThat(glpi.ticket(glpiId).priority).isEqualTo(5);
        assertThat(glpi.calls("POST /Group_Ticket")).noneMatch(call ->
                call.json().path("input").path("tickets_id").asInt() == glpiId);
        assertThat(glpi.calls("PUT /Ticket/" + glpiId)).isEmpty();
        assertThat(writeBackAction(glpiId)).contains("kept the agent's group Network Team")
                .contains("priority Very high");
    }

    @Test
    void belowTheTeamsThresholdAutoModeAddsAPrivateFollowupInstead() {
        int glpiId = glpi.openTicket("Question", "zxqv wbbl ptrk");

        long ticketId = takenIn(webhook(glpi.webhook("new", glpiId, SECRET, 1_767_600_000L)));
        awaitRouted(ticketId, "Manual Review");
        awaitWriteBack(glpiId, "done");

        assertThat(glpi.assignedGroups(glpiId)).isEmpty();
        FakeGlpi.Call followup = glpi.calls("POST /ITILFollowup").stream()
                .filter(call -> call.json().path("input").path("items_id").asInt() == glpiId).findFirst()
                .orElseThrow();
        assertThat(followup.json().path("input").path("itemtype").asString()).isEqualTo("Ticket");
        assertThat(followup.json().path("input").path("is_private").asInt()).isEqualTo(1);
        assertThat(glpi.followups(glpiId)).singleElement().asString().startsWith("[private] Ticket Triage suggests")
                .contains("confidence", "below the team");
    }

    @Test
    void solvingAndMovingInGlpiAreLearnedAsForTheProductsOwnTickets() {
        int glpiId = glpi.openTicket("Outlook crashes when opening attachments",
                "Microsoft Outlook crashes every time I open a PDF attachment.");
        long ticketId = takenIn(webhook(glpi.webhook("new", glpiId, SECRET, 1_767_600_000L)));
        awaitRouted(ticketId, null);
        awaitWriteBack(glpiId, "done");
        String engineTeam = ticket(ticketId).get("assigned_to").asString();
        String agentsTeam = engineTeam.equals("Security Team") ? "HR Team" : "Security Team";

        // an agent moves it to another group in GLPI: a correction, as if made on the dashboard
        glpi.move(glpiId, agentsTeam);
        webhook(glpi.webhook("update", glpiId, SECRET, 1_767_600_200L));
        assertThat(ticket(ticketId).get("assigned_to").asString()).isEqualTo(agentsTeam);
        assertThat(api.get("/tickets/" + ticketId + "/corrections").json().get(0).get("changed_by").asString())
                .isEqualTo("glpi agent");

        // and solves it: the product ticket closes and becomes an example of the final group
        glpi.setPriority(glpiId, 4);
        glpi.solve(glpiId);
        webhook(glpi.webhook("update", glpiId, SECRET, 1_767_600_300L));
        JsonNode closed = ticket(ticketId);
        assertThat(closed.get("status").asString()).isEqualTo("closed");
        assertThat(closed.get("priority").asString()).isEqualTo("High");
        await().atMost(WAIT).until(() -> jdbc.sql("SELECT team FROM examples WHERE ticket_id = ?").param(ticketId)
                .query(String.class).list().equals(List.of(agentsTeam)));
    }

    @Test
    void anExpiredSessionIsOpenedAgainAndTransientFaultsAreRetriedUntilTheWriteBackIsDone() {
        drain();
        glpi.expireSessions();
        int opened = glpi.sessionsOpened();
        // down for longer than one job attempt's own retries: 503, a time-out, 429 with Retry-After, 502
        glpi.fail("GET /Ticket/", 1, 503, "<html>Service Unavailable</html>");
        glpi.hold("GET /Ticket/", 3_000);
        glpi.fail("GET /Ticket/", 1, 429, "{}", Map.of("Retry-After", "1"));
        glpi.fail("POST /Group_Ticket", 1, 502, "<html>Bad Gateway</html>");
        int glpiId = glpi.openTicket("Laptop battery swells", "The laptop battery is swollen and the case bends.");

        takenIn(webhook(glpi.webhook("new", glpiId, SECRET, 1_767_600_000L)));
        awaitWriteBack(glpiId, "done");

        assertThat(glpi.assignedGroups(glpiId)).containsExactly("Hardware Team");
        assertThat(glpi.sessionsOpened()).isEqualTo(opened + 1);
    }

    @Test
    void permanentFaultsAreRecordedWithGlpisReasonAndNeverLogTheTokens(CapturedOutput output) {
        drain();
        long failedBefore = failedWriteBacks();
        // the API user's profile may not assign groups (403)
        glpi.fail("POST /Group_Ticket", 1, 403, FakeGlpi.error("ERROR_RIGHT_MISSING",
                "You don't have permission to perform this action."));
        int forbidden = glpi.openTicket("Laptop fan is very loud", "The laptop fan is loud all the time.");
        takenIn(webhook(glpi.webhook("new", forbidden, SECRET, 1_767_600_000L)));
        awaitWriteBack(forbidden, "failed");
        assertThat(writeBackError(forbidden)).contains("403", "ERROR_RIGHT_MISSING", "lacks a right");
        assertThat(glpi.calls("POST /Group_Ticket")).filteredOn(call ->
                call.json().path("input").path("tickets_id").asInt() == forbidden).hasSize(1);

        // the ticket was deleted in GLPI (404)
        glpi.fail("GET /Ticket/", 1, 404, FakeGlpi.error("ERROR_ITEM_NOT_FOUND", "Item not found"));
        int gone = glpi.openTicket("Laptop hinge broke", "The laptop screen hinge is broken.");
        takenIn(webhook(glpi.webhook("new", gone, SECRET, 1_767_600_000L)));
        awaitWriteBack(gone, "failed");
        assertThat(writeBackError(gone)).contains("404", "ERROR_ITEM_NOT_FOUND");

        // an answer that is not what GLPI sends
        glpi.fail("GET /Ticket/", 1, 200, "{\"unexpected\": true}");
        int odd = glpi.openTicket("Laptop charger sparks", "The laptop charger sparks when plugged in.");
        takenIn(webhook(glpi.webhook("new", odd, SECRET, 1_767_600_000L)));
        awaitWriteBack(odd, "failed");
        assertThat(writeBackError(odd)).contains("not tickets with id, name and status");

        assertThat(health.health().getDetails().get("glpi").toString())
                .contains("writebacks_failed=" + (failedBefore + 3));
        for (String kind : List.of("forbidden", "not-found", "unexpected-answer")) {
            assertThat(meters.find("triage.connector.failures").tags("connector", "glpi", "stage", "writeback",
                    "kind", kind).counter()).as(kind).isNotNull();
        }
        assertThat(output.getAll()).contains("Write-back of glpi ticket").doesNotContain(FakeGlpi.USER_TOKEN)
                .doesNotContain(FakeGlpi.APP_TOKEN).doesNotContain(SECRET);
    }

    @Test
    void pollingTakesNewTicketsInAndARestartResumesFromTheStoredCursorWithoutRepeats() throws Exception {
        HelpdeskConnector connector = connector();
        ConnectorPollers first = pollers();
        first.pollOnce(connector); // the first poll starts at GLPI's latest change, or finds the cursor a test left
        first.stop();
        int a = glpi.openTicket("Printer on floor 2 jams", "The printer jams on every page.");
        int b = glpi.openTicket("Cannot log in to payroll", "The payroll portal rejects my password.");

        first.pollOnce(connector);
        first.stop();
        assertThat(store.find("glpi", String.valueOf(a))).isPresent();
        assertThat(store.find("glpi", String.valueOf(b))).isPresent();
        String cursor = store.cursor("glpi", ConnectorPollers.CURSOR).orElseThrow();
        assertThat(cursor).startsWith(glpi.ticket(b).dateMod.substring(0, 10));

        // a new process knows nothing but what the database holds; an agent touched ticket a meanwhile
        glpi.clearCalls();
        ConnectorPollers restarted = pollers();
        int c = glpi.openTicket("Monitor stays black", "My second monitor shows nothing.");
        restarted.pollOnce(connector);
        restarted.stop();

        // the listing, not a read of one ticket (GET /Ticket/{id}) that a write-back may make meanwhile
        FakeGlpi.Call listing = glpi.calls("GET /Ticket").stream().filter(call -> call.path().equals("/Ticket"))
                .findFirst().orElseThrow();
        assertThat(listing.query()).containsEntry("sort", "date_mod").containsEntry("order", "DESC");
        assertThat(store.find("glpi", String.valueOf(c))).isPresent();
        for (int id : List.of(a, b, c)) {
            assertThat(jdbc.sql("SELECT COUNT(*) FROM connector_tickets WHERE connector = 'glpi' AND external_id = ?")
                    .param(String.valueOf(id)).query(Long.class).single()).isEqualTo(1);
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM tickets WHERE title = 'Printer on floor 2 jams'").query(Long.class)
                .single()).isEqualTo(1);
    }

    @Test
    void pollingReportsARefusedTokenClearlyAndGoesOnWhenGlpiAnswersAgain() throws Exception {
        HelpdeskConnector connector = connector();
        ConnectorPollers poller = pollers();
        try {
            poller.pollOnce(connector);
            drain();
            glpi.expireSessions();
            glpi.fail("GET /initSession", 1, 401, FakeGlpi.error("ERROR_GLPI_LOGIN_USER_TOKEN",
                    "parameter user_token seems invalid"));
            int waiting = glpi.openTicket("Phone line crackles", "My desk phone crackles on every call.");
            assertThatThrownBy(() -> poller.pollOnce(connector)).isInstanceOf(HelpdeskException.class)
                    .hasMessageContaining("401").hasMessageContaining("TRIAGE_GLPI_USER_TOKEN")
                    .hasMessageNotContaining(FakeGlpi.USER_TOKEN);
            assertThat(store.find("glpi", String.valueOf(waiting))).isEmpty();
            poller.pollOnce(connector);
            assertThat(store.find("glpi", String.valueOf(waiting))).isPresent();
        } finally {
            poller.stop();
        }
    }

    private HttpResponse<String> webhook(FakeGlpi.Delivery delivery) {
        return webhook(delivery.body(), delivery.headers());
    }
}
