package io.tickettriage.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;

import io.tickettriage.support.Api;
import io.tickettriage.ticket.TicketManagement;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Rate limits, security headers and CORS, over real HTTP. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "triage.auth=none", "DATABASE_URL=sqlite:///target/it-${random.uuid}.db", "triage.knowledge.dir=target/knowledge-${random.uuid}",
        "triage.rate-limit-per-minute=3", "triage.cors-origins=https://helpdesk.example.com"})
class EdgeProtectionIT {

    @LocalServerPort
    int port;

    @Autowired
    TicketManagement tickets;

    @Test
    void refusesTicketsPastTheRateLimitWithRetryAfterAndKeepsReadsOpen() {
        Api api = new Api(port);
        // spelled differently, the same endpoint: each counts against the same limit
        List<String> spellings = List.of("/%74ickets", "/tick%65ts", "/%74icket%73");
        for (int i = 0; i < 3; i++) {
            assertThat(api.post(spellings.get(i), "{\"title\": \"Rate limited " + i + "\"}").status())
                    .isEqualTo(201);
        }

        HttpResponse<String> refused = api.raw(api.request("/tickets").header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"title\": \"one too many\"}")));

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 60));
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(api.post("/%74ickets", "{\"title\": \"one too many\"}").status()).isEqualTo(429);
        assertThat(api.get("/tickets?q=one%20too%20many").json().size()).isZero();
        assertThat(api.get("/tickets").status()).isEqualTo(200);
    }

    @Test
    void limitsCommentsPerClientAndPagesLongThreads() {
        Api api = new Api(port);
        // created directly: the ticket budget belongs to the test of the ticket limit
        long id = tickets.create(new TicketManagement.NewTicket("Chatty ticket", "", null, null)).id();
        for (int i = 0; i < 3; i++) {
            assertThat(api.post("/tickets/" + id + "/comments", "{\"text\": \"Note " + i + "\"}").status())
                    .isEqualTo(201);
        }
        assertThat(api.post("/tickets/" + id + "/comments", "{\"text\": \"One too many\"}").status())
                .isEqualTo(429);

        HttpResponse<String> page = api.raw(api.request("/tickets/" + id + "/comments?limit=2").GET());
        assertThat(page.headers().firstValue("X-Next-Cursor")).isPresent();
        assertThat(new Api.Reply(200, "", page.body()).json().size()).isEqualTo(2);
        String next = page.headers().firstValue("X-Next-Cursor").orElseThrow();
        assertThat(api.get("/tickets/" + id + "/comments?limit=2&cursor=" + next).json().size()).isEqualTo(1);
        assertThat(api.get("/tickets/" + id + "/comments?limit=100000").status()).isEqualTo(422);
    }

    @Test
    void answersRequestsTomcatRefusesWithAProblemDocument() {
        Api api = new Api(port);
        for (String path : List.of("/agents/a%00b", "/tickets/1%00", "/teams/%00/policy", "/tickets/a%2Fb")) {
            HttpResponse<String> refused = api.raw(api.request(path).GET());

            assertThat(refused.statusCode()).as(path).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type")).as(path).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(new Api.Reply(400, "", refused.body()).json().get("detail").asString())
                    .contains("not valid HTTP");
        }
        assertThat(api.get("/tickets/987654321").json().get("detail").asString()).contains("987654321");
    }

    @Test
    void sendsSecurityHeaders() {
        Api api = new Api(port);
        HttpResponse<String> response = api.raw(api.request("/tickets").GET());
        assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(response.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(response.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                policy -> assertThat(policy).contains("default-src 'self'").contains("frame-ancestors 'none'"));
    }

    @Test
    void answersCrossOriginRequestsOnlyFromListedOrigins() {
        Api api = new Api(port);
        HttpResponse<String> allowed = api.raw(api.request("/tickets").header("Origin", "https://helpdesk.example.com")
                .header("Access-Control-Request-Method", "POST")
                .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody()));
        HttpResponse<String> refused = api.raw(api.request("/tickets").header("Origin", "https://evil.example.net")
                .header("Access-Control-Request-Method", "POST")
                .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody()));

        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).contains("https://helpdesk.example.com");
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Credentials")).contains("true");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void appliesTheOneListOfOriginsToLiveEventsToo() {
        Api api = new Api(port);
        for (String path : new String[] {"/socket.io/?EIO=4&transport=polling", "/events"}) {
            HttpResponse<String> allowed = api.raw(api.request(path).header("Origin", "https://helpdesk.example.com")
                    .header("Access-Control-Request-Method", "GET")
                    .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody()));
            HttpResponse<String> refused = api.raw(api.request(path).header("Origin", "https://evil.example.net")
                    .header("Access-Control-Request-Method", "GET")
                    .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody()));

            assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).as(path)
                    .contains("https://helpdesk.example.com");
            assertThat(refused.statusCode()).as(path).isEqualTo(403);
        }
        // the original's default, http://localhost:3000, is replaced by the list given, not added to it
        HttpResponse<String> original = api.raw(api.request("/socket.io/?EIO=4&transport=polling")
                .header("Origin", "http://localhost:3000").header("Access-Control-Request-Method", "GET")
                .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody()));
        assertThat(original.statusCode()).isEqualTo(403);
    }

    @Test
    void servesACallFromAnOriginNotListedWithoutCorsHeadersSoItsPageCannotReadTheAnswer() {
        Api api = new Api(port);
        HttpResponse<String> response = api.raw(api.request("/tickets").header("Origin", "https://evil.example.net")
                .GET());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
    }
}
