package io.tickettriage.connector.glpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.tickettriage.support.FakeGlpi;
import io.tickettriage.connector.HelpdeskException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import tools.jackson.databind.json.JsonMapper;

/**
 * The GLPI client against a fake GLPI on loopback that answers as GLPI 10/11's legacy REST API does: sessions,
 * paging, writes, and the faults a real server shows (expired session, 429, 5xx, 403, 404, slow, not JSON).
 */
@ExtendWith(OutputCaptureExtension.class)
class GlpiApiTests {

    static final JsonMapper JSON = JsonMapper.builder().build();

    final FakeGlpi glpi = FakeGlpi.start();
    final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    final List<GlpiApi> opened = new ArrayList<>();

    @AfterEach
    void stop() {
        opened.forEach(GlpiApi::close);
        glpi.close();
    }

    GlpiApi api() {
        return api(FakeGlpi.APP_TOKEN, FakeGlpi.USER_TOKEN, Duration.ofSeconds(5), glpi.url());
    }

    GlpiApi api(String appToken, String userToken, Duration timeout, String url) {
        GlpiClient client = new GlpiClient(GlpiClient.apiBase(url), appToken, userToken, timeout, 4,
                Clock.systemUTC(), sleeps::add);
        GlpiApi api = new GlpiApi(client, JSON);
        opened.add(api);
        return api;
    }

    @Test
    void opensOneSessionFromTheAppAndUserTokensAndSendsItOnEveryCall() throws Exception {
        int id = glpi.openTicket("VPN drops", "Every 5 minutes");
        GlpiApi api = api();

        api.ticket(id);
        api.tickets(0, 50, "id", false);

        assertThat(glpi.sessionsOpened()).isEqualTo(1);
        FakeGlpi.Call init = glpi.calls("GET /initSession").getFirst();
        assertThat(init.header("App-Token")).isEqualTo(FakeGlpi.APP_TOKEN);
        assertThat(init.header("Authorization")).isEqualTo("user_token " + FakeGlpi.USER_TOKEN);
        assertThat(glpi.calls("GET /Ticket")).allSatisfy(call -> {
            assertThat(call.header("Session-Token")).isNotBlank();
            assertThat(call.header("App-Token")).isEqualTo(FakeGlpi.APP_TOKEN);
            assertThat(call.header("Authorization")).isNull();
        });
    }

    @Test
    void readsTicketsPageByPageAsContentRangeCountsThemAndAnEmptyPagePastTheEnd() throws Exception {
        for (int i = 0; i < 120; i++) {
            glpi.openTicket("Ticket " + i, "Text " + i);
        }
        GlpiApi api = api();

        GlpiApi.Page<GlpiTicket> first = api.tickets(0, 50, "id", false);
        GlpiApi.Page<GlpiTicket> last = api.tickets(100, 50, "id", false);
        GlpiApi.Page<GlpiTicket> past = api.tickets(150, 50, "id", false);

        assertThat(first.items()).hasSize(50);
        assertThat(first.total()).isEqualTo(120);
        assertThat(first.items().getFirst().title()).isEqualTo("Ticket 0");
        assertThat(last.items()).hasSize(20);
        assertThat(last.items().getLast().title()).isEqualTo("Ticket 119");
        assertThat(past.items()).isEmpty();
        assertThat(glpi.calls("GET /Ticket").getFirst().query()).containsEntry("range", "0-49")
                .containsEntry("sort", "id").containsEntry("order", "ASC");
    }

    @Test
    void readsTheDescriptionAsPlainTextFromGlpisEscapedHtml() throws Exception {
        int id = glpi.openTicket("Printer <jammed>", "Tray 2 &amp; tray 3<br>jam since <b>Monday</b>");

        GlpiTicket ticket = api().ticket(id);

        assertThat(glpi.ticket(id).content).startsWith("&lt;p&gt;");
        assertThat(ticket.title()).isEqualTo("Printer <jammed>");
        assertThat(ticket.description()).isEqualTo("Tray 2 & tray 3\njam since Monday");
        assertThat(ticket.status()).isEqualTo(FakeGlpi.STATUS_NEW);
    }

    @Test
    void opensANewSessionOnceWhenGlpiSaysTheSessionEnded() throws Exception {
        int id = glpi.openTicket("VPN drops", "Every 5 minutes");
        GlpiApi api = api();
        api.ticket(id);

        glpi.expireSessions();
        GlpiTicket again = api.ticket(id);

        assertThat(again.id()).isEqualTo(id);
        assertThat(glpi.sessionsOpened()).isEqualTo(2);
        assertThat(glpi.calls("GET /Ticket/" + id)).hasSize(3);
    }

    @Test
    void aSessionRefusedRightAfterItWasOpenedIsAPermanentFault() throws Exception {
        int id = glpi.openTicket("VPN drops", "Every 5 minutes");
        glpi.fail("GET /Ticket/", 5, 401, FakeGlpi.error("ERROR_SESSION_TOKEN_INVALID", "session_token seems invalid"));

        assertThatThrownBy(() -> api().ticket(id)).isInstanceOfSatisfying(HelpdeskException.class, e -> {
            assertThat(e.isTransient()).isFalse();
            assertThat(e.status()).isEqualTo(401);
            assertThat(e.getMessage()).contains("401").contains("ERROR_SESSION_TOKEN_INVALID")
                    .contains("refused the API session right after it was opened");
        });
        assertThat(glpi.sessionsOpened()).isEqualTo(2);
    }

    @Test
    void triesReadsAgainAfter429And5xxWaitingAtLeastWhatRetryAfterAsks() throws Exception {
        int id = glpi.openTicket("VPN drops", "Every 5 minutes");
        glpi.fail("GET /Ticket/", 1, 429, "{}");
        glpi.fail("GET /Ticket/", 1, 503, "<html>Service Unavailable</html>");
        glpi.fail("GET /Ticket/", 1, 500, FakeGlpi.error("ERROR_SQL", "We suspect an SQL error"));

        GlpiTicket ticket = api().ticket(id);

        assertThat(ticket.id()).isEqualTo(id);
        assertThat(sleeps).hasSize(3);
        assertThat(glpi.calls("GET /Ticket/")).hasSize(4);
    }

    @Test
    void waitsAtLeastWhatRetryAfterAsksBeforeTheNextTry() throws Exception {
        int id = glpi.openTicket("VPN drops", "Every 5 minutes");
        glpi.fail("GET /Ticket/", 1, 429, "{}", java.util.Map.of("Retry-After", "7"));

        api().ticket(id);

        assertThat(sleeps).singleElement().satisfies(wait -> assertThat(wait).isGreaterThanOrEqualTo(
                Duration.ofSeconds(7)));
    }

    @Test
    void givesUpOnATransientFaultAfterTheAttemptsAndSaysItIsTransient() throws Exception {
        int id = glpi.openTicket("VPN drops", "Every 5 minutes");
        glpi.fail("GET /Ticket/", 10, 502, "");

        assertThatThrownBy(() -> api().ticket(id)).isInstanceOfSatisfying(HelpdeskException.class, e -> {
            assertThat(e.isTransient()).isTrue();
            assertThat(e.getMessage()).contains("GLPI answered 502 to GET /Ticket/" + id);
        });
        assertThat(glpi.calls("GET /Ticket/")).hasSize(4);
    }

    @Test
    void doesNotRepeatAWriteItselfAndReportsItsTransientFault() throws Exception {
        int id = glpi.openTicket("VPN drops", "Every 5 minutes");
        glpi.fail("POST /ITILFollowup", 1, 503, "");

        assertThatThrownBy(() -> api().addPrivateFollowup(id, "Suggested: Network"))
                .isInstanceOfSatisfying(HelpdeskException.class, e -> assertThat(e.isTransient()).isTrue());
        assertThat(glpi.calls("POST /ITILFollowup")).hasSize(1);
        assertThat(glpi.followups(id)).isEmpty();
    }

    @Test
    void anUnknownTicketIsAPermanentFault() throws Exception {
        assertThatThrownBy(() -> api().ticket(9999)).isInstanceOfSatisfying(HelpdeskException.class, e -> {
            assertThat(e.isTransient()).isFalse();
            assertThat(e.status()).isEqualTo(404);
            assertThat(e.getMessage()).contains("GET /Ticket/9999").contains("ERROR_ITEM_NOT_FOUND");
        });
        assertThat(sleeps).isEmpty();
    }

    @Test
    void aMissingRightIsAPermanentFaultThatSaysWhatToCheck() throws Exception {
        int id = glpi.openTicket("VPN drops", "Every 5 minutes");
        glpi.group("Network");
        glpi.denyWrites();
        GlpiApi api = api();
        int group = api.groupId("Network").orElseThrow();

        assertThatThrownBy(() -> api.assignGroup(id, group)).isInstanceOfSatisfying(HelpdeskException.class, e -> {
            assertThat(e.isTransient()).isFalse();
            assertThat(e.status()).isEqualTo(403);
            assertThat(e.getMessage()).contains("ERROR_RIGHT_MISSING").contains("profile lacks a right");
        });
    }

    @Test
    void aWrongUserOrAppTokenIsAPermanentFaultNamingTheSetting() throws Exception {
        glpi.openTicket("VPN drops", "Every 5 minutes");

        assertThatThrownBy(() -> api(FakeGlpi.APP_TOKEN, "wrong-user-token", Duration.ofSeconds(5), glpi.url())
                .tickets(0, 50, "id", false)).isInstanceOfSatisfying(HelpdeskException.class, e -> {
                    assertThat(e.isTransient()).isFalse();
                    assertThat(e.getMessage()).contains("ERROR_GLPI_LOGIN_USER_TOKEN")
                            .contains("TRIAGE_GLPI_USER_TOKEN").doesNotContain("wrong-user-token");
                });
        assertThatThrownBy(() -> api("wrong-app-token", FakeGlpi.USER_TOKEN, Duration.ofSeconds(5), glpi.url())
                .tickets(0, 50, "id", false)).isInstanceOfSatisfying(HelpdeskException.class, e -> {
                    assertThat(e.isTransient()).isFalse();
                    assertThat(e.getMessage()).contains("ERROR_WRONG_APP_TOKEN_PARAMETER")
                            .contains("TRIAGE_GLPI_APP_TOKEN").doesNotContain("wrong-app-token");
                });
    }

    @Test
    void anAnswerThatIsNotWhatGlpiSendsIsAPermanentFault() throws Exception {
        int id = glpi.openTicket("VPN drops", "Every 5 minutes");
        glpi.fail("GET /Ticket/", 1, 200, "{\"data\": {\"1\": {\"2\": 5}}}");
        glpi.fail("GET /Ticket", 1, 200, "{\"tickets\": []}");
        glpi.fail("GET /Ticket/", 1, 200, "<html><body>Login</body></html>");
        GlpiApi api = api();

        assertThatThrownBy(() -> api.ticket(id)).isInstanceOfSatisfying(HelpdeskException.class,
                e -> assertThat(e.getMessage()).contains("not tickets with id, name and status"));
        assertThatThrownBy(() -> api.tickets(0, 50, "id", false)).isInstanceOfSatisfying(HelpdeskException.class,
                e -> assertThat(e.getMessage()).contains("not a list of tickets"));
        assertThatThrownBy(() -> api.ticket(id)).isInstanceOfSatisfying(HelpdeskException.class, e -> {
            assertThat(e.isTransient()).isFalse();
            assertThat(e.getMessage()).contains("not JSON");
        });
        assertThat(sleeps).isEmpty();
    }

    @Test
    void aSlowOrUnreachableGlpiIsATransientFault() throws Exception {
        int id = glpi.openTicket("VPN drops", "Every 5 minutes");
        GlpiApi api = api(FakeGlpi.APP_TOKEN, FakeGlpi.USER_TOKEN, Duration.ofMillis(300), glpi.url());
        api.ticket(id);
        for (int i = 0; i < 4; i++) {
            glpi.hold("GET /Ticket/", 5_000);
        }

        assertThatThrownBy(() -> api.ticket(id)).isInstanceOfSatisfying(HelpdeskException.class, e -> {
            assertThat(e.isTransient()).isTrue();
            assertThat(e.getMessage()).contains("GLPI did not answer GET /Ticket/" + id + " within 300 ms");
        });
        assertThatThrownBy(() -> api(FakeGlpi.APP_TOKEN, FakeGlpi.USER_TOKEN, Duration.ofSeconds(2),
                "http://127.0.0.1:9").ticket(id)).isInstanceOfSatisfying(HelpdeskException.class, e -> {
                    assertThat(e.isTransient()).isTrue();
                    assertThat(e.getMessage()).contains("GLPI at http://127.0.0.1:9/apirest.php/ cannot be reached");
                });
    }

    @Test
    void writesAPrivateFollowupAnAssignedGroupAndAPriority() throws Exception {
        int id = glpi.openTicket("VPN drops", "Every 5 minutes");
        glpi.group("Support > Network");
        GlpiApi api = api();

        api.addPrivateFollowup(id, "Ticket Triage suggests: Support > Network\nConfidence: 0.93 <high>");
        api.assignGroup(id, api.groupId("Support > Network").orElseThrow());
        api.setPriority(id, 4);

        assertThat(glpi.followups(id)).singleElement().asString().startsWith("[private] ")
                .contains("Ticket Triage suggests: Support &amp;gt; Network&lt;br&gt;"
                        + "Confidence: 0.93 &amp;lt;high&amp;gt;");
        assertThat(api.followups(id)).singleElement().asString()
                .isEqualTo("Ticket Triage suggests: Support > Network\nConfidence: 0.93 <high>");
        assertThat(glpi.assignedGroups(id)).containsExactly("Support > Network");
        assertThat(api.assignedGroups(id)).containsExactly("Support > Network");
        assertThat(glpi.ticket(id).priority).isEqualTo(4);
        assertThat(glpi.calls("POST /Group_Ticket").getFirst().json().path("input").path("type").asInt())
                .isEqualTo(2);
        assertThat(glpi.calls("POST /ITILFollowup").getFirst().json().path("input").path("is_private").asInt())
                .isEqualTo(1);
    }

    @Test
    void endsTheSessionInGlpiWhenClosed() throws Exception {
        int id = glpi.openTicket("VPN drops", "Every 5 minutes");
        GlpiApi api = api();
        api.ticket(id);
        assertThat(glpi.openSessions()).isEqualTo(1);

        api.close();

        assertThat(glpi.calls("GET /killSession")).hasSize(1);
        assertThat(glpi.openSessions()).isZero();
    }

    @Test
    void neverLogsOrReportsATokenWhateverHappens(CapturedOutput output) throws Exception {
        int id = glpi.openTicket("VPN drops", "Every 5 minutes");
        GlpiApi api = api();
        api.ticket(id);
        String session = glpi.calls("GET /Ticket/").getFirst().header("Session-Token");
        glpi.expireSessions();
        glpi.fail("GET /Ticket/", 2, 503, FakeGlpi.error("ERROR", "proxy saw " + FakeGlpi.USER_TOKEN));
        api.ticket(id);
        glpi.fail("GET /Ticket/", 1, 400, FakeGlpi.error("ERROR", "App-Token " + FakeGlpi.APP_TOKEN));
        List<String> messages = new ArrayList<>();
        try {
            api.ticket(id);
        } catch (HelpdeskException e) {
            messages.add(e.getMessage());
        }
        api.close();

        assertThat(messages).singleElement().asString().contains("***");
        assertThat(output.getAll()).contains("GLPI").doesNotContain(FakeGlpi.USER_TOKEN)
                .doesNotContain(FakeGlpi.APP_TOKEN).doesNotContain(session);
        assertThat(String.join("\n", messages)).doesNotContain(FakeGlpi.USER_TOKEN)
                .doesNotContain(FakeGlpi.APP_TOKEN);
    }
}
