package io.tickettriage.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import io.tickettriage.support.Api;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Rate limits, security headers and CORS, over real HTTP. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "DATABASE_URL=sqlite:///target/it-${random.uuid}.db", "triage.knowledge.dir=target/knowledge-${random.uuid}",
        "triage.rate-limit-per-minute=3", "triage.cors-origins=https://helpdesk.example.com"})
class EdgeProtectionIT {

    @LocalServerPort
    int port;

    @Test
    void refusesTicketsPastTheRateLimitWithRetryAfterAndKeepsReadsOpen() {
        Api api = new Api(port);
        for (int i = 0; i < 3; i++) {
            assertThat(api.post("/tickets", "{\"title\": \"Rate limited " + i + "\"}").status()).isEqualTo(201);
        }

        HttpResponse<String> refused = api.raw(api.request("/tickets").header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"title\": \"one too many\"}")));

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 60));
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(api.get("/tickets?q=one%20too%20many").json().size()).isZero();
        assertThat(api.get("/tickets").status()).isEqualTo(200);
    }

    @Test
    void givesEachApiTokenItsOwnCreationBudget() {
        Api api = new Api(port);
        for (int i = 0; i < 3; i++) {
            assertThat(postWithToken(api, "token-a", "Token A ticket " + i).statusCode()).isEqualTo(201);
        }

        assertThat(postWithToken(api, "token-a", "Token A one too many").statusCode()).isEqualTo(429);
        assertThat(postWithToken(api, "token-b", "Token B first ticket").statusCode()).isEqualTo(201);
    }

    private static HttpResponse<String> postWithToken(Api api, String token, String title) {
        return api.raw(api.request("/tickets").header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"title\": \"" + title + "\"}")));
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
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }
}
