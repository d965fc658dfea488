package io.tickettriage.connector.glpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.tickettriage.connector.HelpdeskConnector;
import io.tickettriage.connector.HelpdeskException;
import io.tickettriage.connector.HelpdeskTicket;
import io.tickettriage.connector.WebhookRejected;
import io.tickettriage.support.FakeGlpi;
import io.tickettriage.ticket.Priority;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

/** The GLPI side of the connector seam against the fake GLPI: what the shared core gets from and asks of GLPI. */
class GlpiConnectorTests {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String SECRET = "glpi-webhook-secret-4f9c2a";

    final FakeGlpi glpi = FakeGlpi.start();
    final GlpiConnector connector = connector(10);

    @AfterEach
    void stop() {
        connector.close();
        glpi.close();
    }

    GlpiConnector connector(int pageSize) {
        GlpiProperties properties = new GlpiProperties(glpi.url(), FakeGlpi.APP_TOKEN, FakeGlpi.USER_TOKEN, SECRET,
                "auto", Duration.ofSeconds(60), Duration.ofSeconds(5), pageSize, 3);
        GlpiClient client = new GlpiClient(GlpiClient.apiBase(glpi.url()), FakeGlpi.APP_TOKEN, FakeGlpi.USER_TOKEN,
                Duration.ofSeconds(5), 3, Clock.systemUTC(), d -> { });
        return new GlpiConnector(GlpiConfiguration.setup(properties), properties,
                new GlpiApi(client, JSON), JSON);
    }

    List<HelpdeskTicket> allClosed() throws HelpdeskException {
        List<HelpdeskTicket> all = new ArrayList<>();
        for (int page = 1; ; page++) {
            List<HelpdeskTicket> tickets = connector.closedTickets(page);
            if (tickets.isEmpty()) {
                return all;
            }
            all.addAll(tickets);
        }
    }

    @Test
    void listsSolvedAndClosedTicketsPageByPageSkippingPagesOfOpenOnes() throws Exception {
        glpi.pastTicket("Laptop will not boot", "Black screen", "Hardware", 4, FakeGlpi.STATUS_CLOSED);
        for (int i = 0; i < 25; i++) {
            glpi.openTicket("Open " + i, "Still open");
        }
        glpi.pastTicket("VPN drops", "Every 5 minutes", "Support > Network", 3, FakeGlpi.STATUS_SOLVED);
        glpi.openTicket("Open again", "Still open");

        List<HelpdeskTicket> closed = allClosed();

        assertThat(closed).extracting(HelpdeskTicket::title).containsExactly("Laptop will not boot", "VPN drops");
        assertThat(closed).allSatisfy(t -> assertThat(t.closed()).isTrue());
        HelpdeskTicket full = connector.withDescription(closed.get(1));
        assertThat(full.description()).isEqualTo("Every 5 minutes");
        assertThat(full.group()).isEqualTo("Support > Network");
        assertThat(full.priority()).isEqualTo("Medium");
        assertThat(full.state()).isEqualTo("Solved");
        assertThat(connector.priority(connector.withDescription(closed.get(0)).priority())).contains(Priority.HIGH);
    }

    @Test
    void firstPollStartsAtGlpisLatestChangeAndLaterPollsReturnEachChangeOnceOldestFirst() throws Exception {
        int old = glpi.openTicket("Before the connector", "Old");
        String cursor = connector.initialCursor(Instant.now());
        HelpdeskConnector.Changes first = connector.changes(cursor);
        assertThat(first.tickets()).isEmpty();

        int a = glpi.openTicket("Printer jam", "Tray 2");
        int b = glpi.openTicket("VPN drops", "Every 5 minutes");
        glpi.assign(a, "Hardware");
        HelpdeskConnector.Changes second = connector.changes(first.cursor());
        HelpdeskConnector.Changes third = connector.changes(second.cursor());

        assertThat(second.tickets()).extracting(HelpdeskTicket::externalId)
                .containsExactly(String.valueOf(b), String.valueOf(a));
        assertThat(second.tickets().get(1).group()).isEqualTo("Hardware");
        assertThat(second.tickets().get(0).description()).isEqualTo("Every 5 minutes");
        assertThat(third.tickets()).isEmpty();
        assertThat(second.tickets()).extracting(HelpdeskTicket::externalId).doesNotContain(String.valueOf(old));
    }

    @Test
    void twoChangesInTheSameSecondAreNeitherMissedNorRepeated() throws Exception {
        int a = glpi.openTicket("Printer jam", "Tray 2");
        int b = glpi.openTicket("VPN drops", "Every 5 minutes");
        // as if both changed within GLPI's one-second date_mod step
        glpi.ticket(b).dateMod = glpi.ticket(a).dateMod;
        GlpiChanges changes = new GlpiChanges(apiOf(), 1, 1);

        GlpiChanges.Batch first = changes.since("2026-01-01 00:00:00|");
        GlpiChanges.Batch second = changes.since(first.cursor());
        GlpiChanges.Batch third = changes.since(second.cursor());

        assertThat(first.tickets()).extracting(GlpiTicket::id).containsExactly((long) a);
        assertThat(second.tickets()).extracting(GlpiTicket::id).containsExactly((long) b);
        assertThat(third.tickets()).isEmpty();
        assertThat(second.cursor()).endsWith("|" + a + "," + b);
    }

    GlpiApi apiOf() {
        GlpiClient client = new GlpiClient(GlpiClient.apiBase(glpi.url()), FakeGlpi.APP_TOKEN, FakeGlpi.USER_TOKEN,
                Duration.ofSeconds(5), 1, Clock.systemUTC(), d -> { });
        return new GlpiApi(client, JSON);
    }

    @Test
    void setsTheGroupInPlaceOfTheOneTheTicketWasCreatedWithAndThePriority() throws Exception {
        int id = glpi.openTicket("VPN drops", "Every 5 minutes");
        glpi.assign(id, "Helpdesk");
        glpi.group("Support > Network");

        connector.update(String.valueOf(id), "Support > Network", "High");
        connector.update(String.valueOf(id), "Support > Network", null);

        assertThat(glpi.assignedGroups(id)).containsExactly("Support > Network");
        assertThat(glpi.ticket(id).priority).isEqualTo(4);
        assertThat(glpi.calls("POST /Group_Ticket")).hasSize(1);
        HelpdeskTicket now = connector.ticket(String.valueOf(id));
        assertThat(now.group()).isEqualTo("Support > Network");
        assertThat(now.priority()).isEqualTo("High");
    }

    @Test
    void aGroupGlpiDoesNotHaveIsAPermanentFault() {
        int id = glpi.openTicket("VPN drops", "Every 5 minutes");

        assertThatThrownBy(() -> connector.update(String.valueOf(id), "Facilities Team", null))
                .isInstanceOfSatisfying(HelpdeskException.class, e -> {
                    assertThat(e.isTransient()).isFalse();
                    assertThat(e.getMessage()).contains("no group named 'Facilities Team'");
                });
    }

    @Test
    void addsTheNoteAsAPrivateFollowup() throws Exception {
        int id = glpi.openTicket("VPN drops", "Every 5 minutes");

        connector.addInternalNote(String.valueOf(id), "Ticket Triage suggests group \"Network\"");

        assertThat(glpi.followups(id)).containsExactly("[private] Ticket Triage suggests group &amp;quot;Network"
                + "&amp;quot;");
    }

    @Test
    void takesAWebhookSignedAsGlpi11SignsItWithTheTicketAsCreatedOrAsGlpiHasItNow() throws Exception {
        int id = glpi.openTicket("VPN drops", "Every 5 minutes");
        FakeGlpi.Delivery created = glpi.webhook("new", id, SECRET, 1_767_600_000L);
        glpi.assign(id, "Support > Network");
        FakeGlpi.Delivery updated = glpi.webhook("update", id, SECRET, 1_767_600_060L);
        glpi.clearCalls();

        HelpdeskTicket asCreated = connector.fromWebhook(headers(created.signature(), created.timestamp()),
                created.body().getBytes(StandardCharsets.UTF_8));
        assertThat(glpi.calls("GET /Ticket")).isEmpty();
        HelpdeskTicket now = connector.fromWebhook(headers(updated.signature(), updated.timestamp()),
                updated.body().getBytes(StandardCharsets.UTF_8));

        assertThat(asCreated.externalId()).isEqualTo(String.valueOf(id));
        assertThat(asCreated.description()).isEqualTo("Every 5 minutes");
        assertThat(asCreated.group()).isNull();
        assertThat(asCreated.priority()).isEqualTo("Medium");
        assertThat(now.group()).isEqualTo("Support > Network");
        assertThat(glpi.calls("GET /Ticket/" + id)).isNotEmpty();
    }

    @Test
    void refusesAWebhookWithAWrongOrMissingSignatureBeforeReadingAnything() {
        int id = glpi.openTicket("VPN drops", "Every 5 minutes");
        FakeGlpi.Delivery genuine = glpi.webhook("new", id, SECRET, 1_767_600_000L);
        FakeGlpi.Delivery forged = glpi.webhook("new", id, "another-secret", 1_767_600_000L);
        byte[] body = genuine.body().getBytes(StandardCharsets.UTF_8);
        glpi.clearCalls();

        assertThatThrownBy(() -> connector.fromWebhook(headers(forged.signature(), forged.timestamp()), body))
                .isInstanceOf(WebhookRejected.class);
        assertThatThrownBy(() -> connector.fromWebhook(headers(genuine.signature(), "1767600001"), body))
                .isInstanceOf(WebhookRejected.class);
        assertThatThrownBy(() -> connector.fromWebhook(headers(genuine.signature(), genuine.timestamp()),
                (genuine.body() + " ").getBytes(StandardCharsets.UTF_8))).isInstanceOf(WebhookRejected.class);
        assertThatThrownBy(() -> connector.fromWebhook(Map.of(), body)).isInstanceOf(WebhookRejected.class)
                .hasMessageContaining("X-GLPI-signature");
        assertThat(glpi.calls()).isEmpty();
    }

    @Test
    void refusesToStartWithCredentialsInTheUrlSayingWhereTheTokensGo() {
        GlpiConfiguration configuration = new GlpiConfiguration();
        for (String url : List.of("https://glpi-api:S3cret-pw@glpi.example.com",
                "http://glpi-api:S3cret-pw@glpi.example.com/apirest.php")) {
            assertThatThrownBy(() -> configuration.glpiConnector(properties(url), JSON, Clock.systemUTC())).as(url)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("TRIAGE_GLPI_URL must not carry credentials")
                    .hasMessageContaining("set TRIAGE_GLPI_USER_TOKEN and TRIAGE_GLPI_APP_TOKEN")
                    .hasMessageNotContaining("S3cret-pw");
        }
        assertThatThrownBy(() -> configuration.glpiConnector(properties("glpi.example.com"), JSON, Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TRIAGE_GLPI_URL must be an http");

        HelpdeskConnector started = configuration.glpiConnector(properties(glpi.url() + "/apirest.php/"), JSON,
                Clock.systemUTC());
        assertThat(started.location()).isEqualTo(glpi.url() + "/apirest.php");
        assertThat(started.link("7")).isEqualTo(glpi.url() + "/front/ticket.form.php?id=7");
        ((GlpiConnector) started).close();
    }

    static GlpiProperties properties(String url) {
        return new GlpiProperties(url, FakeGlpi.APP_TOKEN, FakeGlpi.USER_TOKEN, SECRET, "auto", Duration.ofSeconds(60),
                Duration.ofSeconds(5), 10, 3);
    }

    @Test
    void mapsGlpisSixPrioritiesToFourAndBack() {
        assertThat(List.of("Very low", "Low", "Medium", "High", "Very high", "Major"))
                .map(name -> connector.priority(name).orElseThrow()).containsExactly(Priority.LOW, Priority.LOW,
                        Priority.MEDIUM, Priority.HIGH, Priority.URGENT, Priority.URGENT);
        assertThat(List.of(Priority.values())).map(connector::priorityName)
                .containsExactly("Low", "Medium", "High", "Very high");
        assertThat(connector.priority("Critical")).isEmpty();
        assertThat(connector.link("42")).isEqualTo(glpi.url() + "/front/ticket.form.php?id=42");
    }

    static Map<String, String> headers(String signature, String timestamp) {
        return Map.of("x-glpi-signature", signature, "x-glpi-timestamp", timestamp, "content-type",
                "application/json");
    }
}
