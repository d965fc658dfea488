package io.tickettriage.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.micrometer.core.instrument.Counter;
import io.tickettriage.connector.zammad.FakeZammad;
import io.tickettriage.connector.zammad.FakeZammadEndpoint;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * The Zammad connector in auto mode against a fake Zammad on loopback: webhook intake and its signature, routing
 * written back (and an agent's choice kept), the note below the threshold, learning from closes and moves, polling
 * from a stored cursor, several processes at once, and every kind of fault.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = {"triage.jobs.retry-backoff=50ms", "triage.zammad.token=" + ZammadAutoModeIT.TOKEN,
        "triage.zammad.webhook-secret=" + ZammadAutoModeIT.SECRET, "triage.zammad.mode=auto",
        "triage.zammad.timeout=2s", "triage.zammad.poll-interval=1h"})
@Import(FakeZammadEndpoint.class)
class ZammadAutoModeIT extends HelpdeskFixture {

    static final String TOKEN = "zammad-token-4f1c9e";
    static final String SECRET = "hook-secret-77a2";

    @Autowired
    FakeZammad zammad;

    ZammadAutoModeIT() {
        super("zammad");
    }

    @Test
    void aSignedWebhookBecomesARoutedTicketAndAutoModeSetsItsGroupInZammad() {
        long zammadId = zammad.open("Laptop screen flickers after docking",
                "Since this morning my <b>external monitor</b> flickers whenever the laptop is docked.", "Users",
                "2 normal");

        HttpResponse<String> answer = webhook(zammad.webhookPayload(zammadId), true);

        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode taken = JSON.readTree(answer.body());
        assertThat(taken.get("outcome").asString()).isEqualTo("created");
        long ticketId = taken.get("ticket_id").asLong();
        JsonNode ticket = ticket(ticketId);
        assertThat(ticket.get("channel").asString()).isEqualTo("zammad");
        assertThat(ticket.get("title").asString()).isEqualTo("Laptop screen flickers after docking");
        assertThat(ticket.get("description").asString()).contains("external monitor flickers").doesNotContain("<b>");
        awaitRouted(ticketId, "Hardware Team");

        await().atMost(WAIT).until(() -> zammad.group(zammadId).equals("Hardware Team"));
        FakeZammad.Call put = zammad.calls("PUT", "/api/v1/tickets/" + zammadId).getFirst();
        assertThat(put.header("Authorization")).isEqualTo("Token token=" + TOKEN);
        assertThat(put.json().get("group").asString()).isEqualTo("Hardware Team");
        awaitWriteBack(zammadId, "done");
        assertThat(zammad.internalNotes(zammadId)).isEmpty();

        // Zammad's trigger fires again on the product's own update: nothing new, nothing learned
        HttpResponse<String> again = webhook(zammad.webhookPayload(zammadId), true);
        assertThat(JSON.readTree(again.body()).get("ticket_id").asLong()).isEqualTo(ticketId);
        assertThat(api.get("/tickets/" + ticketId + "/corrections").json()).isEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM tickets WHERE channel = 'zammad' AND title = ?")
                .param("Laptop screen flickers after docking").query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void webhookCallsWithoutOrWithAWrongSignatureAreRefusedWith401AndChangeNothing() {
        long zammadId = zammad.open("VPN drops every five minutes", "The VPN client disconnects all the time.",
                "Users", "2 normal");
        String payload = zammad.webhookPayload(zammadId);
        long before = jdbc.sql("SELECT COUNT(*) FROM tickets").query(Long.class).single();

        HttpResponse<String> unsigned = webhook(payload, false);
        HttpResponse<String> wrong = webhook(payload, ZammadSignatures.signed("another secret", payload));
        String tampered = payload.replace("VPN drops", "VPN works");
        HttpResponse<String> forged = webhook(tampered, ZammadSignatures.signed(SECRET, payload));

        for (HttpResponse<String> refused : List.of(unsigned, wrong, forged)) {
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(refused.body()).contains("X-Hub-Signature").doesNotContain(SECRET);
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM tickets").query(Long.class).single()).isEqualTo(before);
        assertThat(store.find("zammad", String.valueOf(zammadId))).isEmpty();
        assertThat(api.raw(api.request("/connectors/nosuchdesk/webhook").header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(payload))).statusCode()).isEqualTo(404);
    }

    @Test
    void aGroupAnAgentChoseInZammadAfterCreationIsNeverOverwritten() {
        long zammadId = zammad.open("Laptop keyboard keys stick after coffee spill",
                "Several laptop keys stick since I spilled coffee on the keyboard.", "Users", "2 normal");
        String atCreation = zammad.webhookPayload(zammadId);
        // the trigger's call is late; meanwhile an agent put the ticket where they want it
        zammad.moveTo(zammadId, "Network Team");

        long ticketId = takenIn(webhook(atCreation, true));
        awaitRouted(ticketId, "Hardware Team");
        awaitWriteBack(zammadId, "done");

        assertThat(zammad.group(zammadId)).isEqualTo("Network Team");
        assertThat(zammad.calls("PUT", "/api/v1/tickets/" + zammadId))
                .noneSatisfy(put -> assertThat(put.json().has("group")).isTrue());
        assertThat(writeBackAction(zammadId)).contains("kept the agent's group Network Team");
    }

    @Test
    void belowTheTeamsThresholdAutoModeAddsAnInternalNoteInstead() {
        long zammadId = zammad.open("Question", "zxqv wbbl ptrk", "Users", "2 normal");

        long ticketId = takenIn(webhook(zammad.webhookPayload(zammadId), true));
        awaitRouted(ticketId, "Manual Review");
        awaitWriteBack(zammadId, "done");

        assertThat(zammad.group(zammadId)).isEqualTo("Users");
        FakeZammad.Call note = zammad.calls("POST", "/api/v1/ticket_articles").stream()
                .filter(call -> call.json().get("ticket_id").asLong() == zammadId).findFirst().orElseThrow();
        assertThat(note.json().get("internal").asBoolean()).isTrue();
        assertThat(note.json().get("type").asString()).isEqualTo("note");
        assertThat(note.header("Authorization")).isEqualTo("Token token=" + TOKEN);
        assertThat(zammad.internalNotes(zammadId)).singleElement().asString()
                .startsWith("Ticket Triage suggests group").contains("confidence", "below the team's threshold");
    }

    @Test
    void closingAndMovingInZammadAreLearnedAsForTheProductsOwnTickets() {
        long zammadId = zammad.open("Outlook crashes when opening attachments",
                "Microsoft Outlook crashes every time I open a PDF attachment.", "Users", "2 normal");
        long ticketId = takenIn(webhook(zammad.webhookPayload(zammadId), true));
        awaitRouted(ticketId, null);
        awaitWriteBack(zammadId, "done");
        String engineTeam = ticket(ticketId).get("assigned_to").asString();
        String agentsTeam = engineTeam.equals("Security Team") ? "HR Team" : "Security Team";

        // an agent moves it in Zammad: a correction, as if made on the dashboard
        zammad.moveTo(zammadId, agentsTeam);
        webhook(zammad.webhookPayload(zammadId), true);
        JsonNode moved = ticket(ticketId);
        assertThat(moved.get("assigned_to").asString()).isEqualTo(agentsTeam);
        assertThat(api.get("/tickets/" + ticketId + "/corrections").json().get(0).get("changed_by").asString())
                .isEqualTo("zammad agent");

        // and closes it there: the product ticket closes and becomes an example of the final group
        zammad.setPriority(zammadId, "1 low");
        zammad.setState(zammadId, "closed");
        webhook(zammad.webhookPayload(zammadId), true);
        JsonNode closed = ticket(ticketId);
        assertThat(closed.get("status").asString()).isEqualTo("closed");
        assertThat(closed.get("priority").asString()).isEqualTo("Low");
        await().atMost(WAIT).until(() -> jdbc.sql("SELECT team FROM examples WHERE ticket_id = ?").param(ticketId)
                .query(String.class).list().equals(List.of(agentsTeam)));

        // reopened in Zammad: what was learned no longer holds
        zammad.setState(zammadId, "open");
        webhook(zammad.webhookPayload(zammadId), true);
        assertThat(ticket(ticketId).get("status").asString()).isEqualTo("routed");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM examples WHERE ticket_id = ?").param(ticketId).query(Long.class)
                .single()).isZero();
    }

    @Test
    void pollingTakesNewTicketsInAndARestartResumesFromTheStoredCursorWithoutRepeats() throws Exception {
        HelpdeskConnector connector = connector();
        ConnectorPollers first = pollers();
        first.pollOnce(connector); // the first poll starts now, or finds the cursor an earlier test left
        first.stop(); // the process ends: its lease goes
        long a = zammad.open("Printer on floor 2 jams", "The printer jams on every page.", "Users", "2 normal");
        long b = zammad.open("Cannot log in to payroll", "The payroll portal rejects my password.", "Users",
                "2 normal");

        first.pollOnce(connector);
        first.stop();
        assertThat(store.find("zammad", String.valueOf(a))).isPresent();
        assertThat(store.find("zammad", String.valueOf(b))).isPresent();
        String cursor = store.cursor("zammad", ConnectorPollers.CURSOR).orElseThrow();

        // a new process: it knows nothing but what the database holds
        zammad.clearCalls();
        ConnectorPollers restarted = pollers();
        long c = zammad.open("Monitor stays black", "My second monitor shows nothing.", "Users", "2 normal");
        restarted.pollOnce(connector);
        restarted.stop();

        assertThat(zammad.calls("GET", "/api/v1/tickets/search").getFirst().query())
                .contains(URLEncoder.encode("updated_at:[" + cursor.split("#")[0], StandardCharsets.UTF_8));
        assertThat(store.find("zammad", String.valueOf(c))).isPresent();
        for (long id : List.of(a, b, c)) {
            assertThat(jdbc.sql("SELECT COUNT(*) FROM connector_tickets WHERE connector = 'zammad' AND external_id = ?")
                    .param(String.valueOf(id)).query(Long.class).single()).isEqualTo(1);
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM tickets WHERE title = 'Printer on floor 2 jams'").query(Long.class)
                .single()).isEqualTo(1);
    }

    @Test
    void aTicketArrivingByWebhookAndPollAtOnceBecomesOneProductTicket() throws Exception {
        HelpdeskConnector connector = connector();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            for (int i = 0; i < 5; i++) {
                long id = zammad.open("Shared drive is read-only " + i, "I cannot save files to the S: drive.",
                        "Users", "2 normal");
                HelpdeskTicket seen = connector.ticket(String.valueOf(id));
                Callable<ConnectorIntake.Taken> take = () -> intake.take(connector, seen, "poll");
                List<Future<ConnectorIntake.Taken>> results = threads.invokeAll(List.of(take, take, take, take));
                for (Future<ConnectorIntake.Taken> result : results) {
                    result.get();
                }
                assertThat(jdbc.sql("SELECT COUNT(*) FROM tickets WHERE title = ?").param("Shared drive is read-only "
                        + i).query(Long.class).single()).isEqualTo(1);
            }
        } finally {
            threads.shutdownNow();
        }
        // two worker processes polling: the one holding the lease polls, the other stands by
        ConnectorPollers one = pollers();
        ConnectorPollers other = pollers();
        try {
            one.pollOnce(connector);
            zammad.open("Badge reader at the lobby is broken", "The badge reader does not react.", "Users", "2 normal");
            one.pollOnce(connector);
            assertThat(store.lease("zammad", "another process", clock.instant(), clock.instant().plusSeconds(60)))
                    .isFalse();
            long late = zammad.open("Badge reader at the door is broken", "The badge reader does not react.", "Users",
                    "2 normal");
            assertThatThrownBy(() -> other.pollOnce(connector))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("lease");
            assertThat(store.find("zammad", String.valueOf(late))).isEmpty();
            one.pollOnce(connector);
            assertThat(store.find("zammad", String.valueOf(late))).isPresent();
        } finally {
            one.stop();
        }
    }

    @Test
    void transientFaultsAreRetriedAndPermanentOnesRecordedWithTheHelpdesksReason(CapturedOutput output) {
        // down for longer than one job attempt's own retries: 503, a time-out, 429 with Retry-After, 502
        long slow = zammad.open("Laptop battery swells", "The laptop battery is swollen and the case bends.",
                "Users", "2 normal");
        String path = "GET /api/v1/tickets/" + slow;
        zammad.failNext(path, 503, "{\"error\":\"Service Unavailable\"}", Map.of())
                .holdNext(path, 3_000)
                .failNext(path, 429, "{\"error\":\"Too Many Requests\"}", Map.of("Retry-After", "1"))
                .failNext(path, 502, "<html>Bad Gateway</html>", Map.of());
        takenIn(webhook(zammad.webhookPayload(slow), true));
        awaitWriteBack(slow, "done");
        assertThat(zammad.group(slow)).isEqualTo("Hardware Team");
        assertThat(zammad.calls("GET", "/api/v1/tickets/" + slow)).hasSizeGreaterThanOrEqualTo(5);

        // permanent: the token lacks a permission (403), the ticket is gone (404), the answer is not a ticket, the
        // token is refused (401)
        long forbidden = zammad.open("Laptop fan is very loud", "The laptop fan is loud all the time.", "Users",
                "2 normal");
        zammad.failNext("PUT /api/v1/tickets/" + forbidden, 403, "{\"error\":\"Not authorized\",\"error_human\":"
                + "\"Not authorized (user)!\"}", Map.of());
        takenIn(webhook(zammad.webhookPayload(forbidden), true));
        awaitWriteBack(forbidden, "failed");
        assertThat(writeBackError(forbidden)).contains("403", "Not authorized (user)!");
        assertThat(zammad.calls("PUT", "/api/v1/tickets/" + forbidden)).hasSize(1);

        long gone = zammad.open("Laptop hinge broke", "The laptop screen hinge is broken.", "Users", "2 normal");
        zammad.failNext("GET /api/v1/tickets/" + gone, 404, "{\"error\":\"Couldn't find Ticket with 'id'=" + gone
                + "\"}", Map.of());
        takenIn(webhook(zammad.webhookPayload(gone), true));
        awaitWriteBack(gone, "failed");
        assertThat(writeBackError(gone)).contains("404", "Couldn't find Ticket");

        long odd = zammad.open("Laptop charger sparks", "The laptop charger sparks when plugged in.", "Users",
                "2 normal");
        zammad.failNext("GET /api/v1/tickets/" + odd, 200, "{\"unexpected\": true}", Map.of());
        takenIn(webhook(zammad.webhookPayload(odd), true));
        awaitWriteBack(odd, "failed");
        assertThat(writeBackError(odd)).contains("without an id");

        long refused = zammad.open("Laptop touchpad is dead", "The laptop touchpad does not react.", "Users",
                "2 normal");
        zammad.failNext("GET /api/v1/tickets/" + refused, 401, "{\"error\":\"authentication failed\"}", Map.of());
        takenIn(webhook(zammad.webhookPayload(refused), true));
        awaitWriteBack(refused, "failed");
        assertThat(writeBackError(refused)).contains("401", "credentials");

        assertThat(health.health().getDetails().get("zammad").toString()).contains("writebacks_failed=4")
                .contains("error=Zammad answered 401");
        // the dashboard's figures read the error from the database, where any worker's write-back records it
        assertThat(figures("zammad").get("last_error").asString()).contains("Zammad answered 401");
        // the credentials never reach the log, whatever failed
        assertThat(output.getAll()).contains("Write-back of zammad ticket").doesNotContain(TOKEN).doesNotContain(SECRET);
    }

    @Test
    void pollingStopsWithAClearErrorWhenZammadRefusesTheTokenAndGoesOnWhenItAnswersAgain() throws Exception {
        HelpdeskConnector connector = connector();
        ConnectorPollers poller = pollers();
        try {
            poller.pollOnce(connector);
            zammad.failNext("GET /api/v1/tickets/search", 401, "{\"error\":\"authentication failed\"}", Map.of());
            long waiting = zammad.open("Phone line crackles", "My desk phone crackles on every call.", "Users",
                    "2 normal");
            assertThatThrownBy(() -> poller.pollOnce(connector))
                    .isInstanceOf(HelpdeskException.class).hasMessageContaining("401")
                    .hasMessageContaining("credentials").hasMessageNotContaining(TOKEN);
            assertThat(store.find("zammad", String.valueOf(waiting))).isEmpty();
            poller.pollOnce(connector);
            assertThat(store.find("zammad", String.valueOf(waiting))).isPresent();
        } finally {
            poller.stop();
        }
    }

    @Test
    void aPollerThatFindsZammadDownBacksOffCountsTheFailureAndResumes() throws Exception {
        ConnectorPollers poller = pollers();
        poller.pollOnce(connector()); // a cursor from before the ticket below
        double before = pollFailures();
        for (int i = 0; i < 3; i++) {
            zammad.failNext("GET /api/v1/tickets/search", 503, "{\"error\":\"Service Unavailable\"}", Map.of());
        }
        long waiting = zammad.open("Scanner on floor 1 is offline", "The scanner does not show up.", "Users",
                "2 normal");
        poller.start();
        try {
            await().atMost(WAIT).until(() -> store.find("zammad", String.valueOf(waiting)).isPresent());
            assertThat(pollFailures()).isGreaterThan(before);
            await().atMost(WAIT).until(() -> health.health().getDetails().get("zammad").toString()
                    .contains("polling=up"));
        } finally {
            poller.stop();
        }
    }

    // helpers

    /** A call as a Zammad trigger makes it, signed with the webhook's token or not signed at all. */
    private HttpResponse<String> webhook(String payload, boolean signed) {
        Map<String, String> headers = new LinkedHashMap<>(signed ? ZammadSignatures.signed(SECRET, payload)
                : Map.of());
        headers.put("X-Zammad-Trigger", "Ticket Triage");
        headers.put("X-Zammad-Delivery", UUID.randomUUID().toString());
        return webhook(payload, headers);
    }

    private double pollFailures() {
        return meters.find("triage.connector.failures").tag("stage", "poll").counters().stream()
                .mapToDouble(Counter::count).sum();
    }
}
