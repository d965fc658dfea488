package io.tickettriage.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;

import io.tickettriage.support.Api;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/** Every access rule over real HTTP, with tokens and sessions issued the way the product issues them. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "DATABASE_URL=sqlite:///target/it-${random.uuid}.db", "triage.knowledge.dir=target/knowledge-${random.uuid}",
        "triage.rate-limit-per-minute=0"})
class AccessControlIT {

    @LocalServerPort
    int port;

    @Autowired
    AccessTokens tokens;

    @Autowired
    SessionHousekeeping housekeeping;

    @Autowired
    TokenStore store;

    Api anonymous;
    Api alice;
    Api bob;
    Api agent;
    Api admin;

    @BeforeEach
    void callers() {
        anonymous = new Api(port);
        alice = anonymous.withToken(tokens.createApiToken("alice", Role.REQUESTER).secret());
        bob = anonymous.withToken(tokens.createApiToken("bob", Role.REQUESTER).secret());
        agent = anonymous.withToken(tokens.createApiToken("agent-smith", Role.AGENT).secret());
        admin = anonymous.withToken(tokens.createApiToken("root", Role.ADMIN).secret());
    }

    @Test
    void refusesCallsWithoutAValidTokenWithAProblemAndABearerChallenge() {
        for (Api caller : new Api[] {anonymous, anonymous.withToken("tt_not-a-real-token")}) {
            HttpResponse<String> response = caller.raw(caller.request("/tickets").GET());
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                    value -> assertThat(value).startsWith("Bearer"));
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
        assertThat(anonymous.post("/tickets", "{\"title\": \"Printer jammed\"}").status()).isEqualTo(401);
        assertThat(anonymous.get("/events").status()).isEqualTo(401);
    }

    @Test
    void leavesHealthDocsAndTheDashboardOpen() {
        assertThat(anonymous.get("/actuator/health").status()).isEqualTo(200);
        assertThat(anonymous.get("/openapi.json").status()).isEqualTo(200);
        assertThat(anonymous.get("/docs").status()).isIn(200, 302);
        assertThat(anonymous.get("/login").status()).isEqualTo(200);
        // a helpdesk's webhook carries no token of the product, only its signature: the connector answers (here 404,
        // since no Zammad is configured), not the token check
        assertThat(anonymous.post("/connectors/zammad/webhook", "{\"ticket\": {}}").status()).isEqualTo(404);
        assertThat(anonymous.get("/insights/connectors").status()).isEqualTo(401);
    }

    @Test
    void requestersSeeOnlyTheirOwnTickets() {
        long alices = alice.post("/tickets", "{\"title\": \"My laptop will not boot\"}").json().path("id").asLong();
        long bobs = bob.post("/tickets", "{\"title\": \"VPN drops every five minutes\"}").json().path("id").asLong();

        assertThat(alice.get("/tickets/" + alices).json().path("created_by").asString()).isEqualTo("alice");
        Api.Reply foreign = bob.get("/tickets/" + alices);
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.json().path("detail").asString()).isEqualTo("No ticket with id " + alices);
        assertThat(bob.get("/tickets/" + alices + "/comments").status()).isEqualTo(404);
        assertThat(bob.post("/tickets/" + alices + "/comments", "{\"text\": \"me too\"}").status()).isEqualTo(404);

        assertThat(ids(alice.get("/tickets").json())).contains(alices).doesNotContain(bobs);
        assertThat(ids(bob.get("/tickets").json())).contains(bobs).doesNotContain(alices);
        assertThat(ids(agent.get("/tickets").json())).contains(alices, bobs);
        assertThat(agent.get("/tickets/" + bobs).status()).isEqualTo(200);
    }

    @Test
    void onlyAgentsActOnTicketsAndOnlyAdminsChangeSettings() {
        long id = alice.post("/tickets", "{\"title\": \"Monitor flickers\"}").json().path("id").asLong();

        Api.Reply refused = alice.patch("/tickets/" + id, "{\"priority\": \"Urgent\"}");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.contentType()).isEqualTo("application/problem+json");
        assertThat(alice.patch("/tickets/" + id + "/status?status=closed").status()).isEqualTo(403);
        assertThat(alice.delete("/tickets/" + id).status()).isEqualTo(403);
        assertThat(alice.get("/tickets/" + id + "/explanation").status()).isEqualTo(403);
        assertThat(alice.post("/triage", "{\"title\": \"VPN\"}").status()).isEqualTo(403);

        assertThat(agent.patch("/tickets/" + id, "{\"priority\": \"Urgent\", \"changed_by\": \"someone-else\"}")
                .status()).isEqualTo(200);
        assertThat(agent.get("/tickets/" + id + "/corrections").json().get(0).path("changed_by").asString())
                .isEqualTo("agent-smith");
        String team = "{\"name\": \"Facilities Team\", \"examples\": [{\"title\": \"Broken chair\"}]}";
        assertThat(agent.post("/teams", team).status()).isEqualTo(403);
        assertThat(agent.post("/knowledge/export", "{}").status()).isEqualTo(403);
        assertThat(agent.get("/tokens").status()).isEqualTo(403);
        // removing an agent takes their tickets away from them: admins only
        assertThat(agent.delete("/agents/agent-smith").status()).isEqualTo(403);
        assertThat(agent.send("/teams/Hardware%20Team/hours", "PUT", "application/json",
                java.net.http.HttpRequest.BodyPublishers.ofString("{\"time_zone\": \"UTC\", \"days\": [\"MON\"], "
                        + "\"start\": \"09:00\", \"end\": \"17:00\"}")).status()).isEqualTo(403);
        assertThat(agent.delete("/teams/Hardware%20Team/hours").status()).isEqualTo(403);
        assertThat(agent.get("/teams/Hardware%20Team/hours").status()).isEqualTo(200);
        assertThat(admin.delete("/agents/nobody-here").status()).isEqualTo(404);
        // webhooks send ticket data anywhere: admins only
        assertThat(agent.get("/webhooks").status()).isEqualTo(403);
        assertThat(agent.post("/webhooks", "{\"url\": \"https://example.org\", \"events\": [\"*\"]}").status())
                .isEqualTo(403);
        assertThat(admin.get("/webhooks").status()).isEqualTo(200);
        assertThat(admin.post("/teams", team).status()).isIn(200, 201);
        assertThat(agent.delete("/tickets/" + id).status()).isEqualTo(200);
    }

    @Test
    void internalCommentsAreWrittenAndReadByAgentsOnly() {
        long id = alice.post("/tickets", "{\"title\": \"Keyboard keys stick\"}").json().path("id").asLong();

        assertThat(alice.post("/tickets/" + id + "/comments", "{\"text\": \"psst\", \"internal\": true}").status())
                .isEqualTo(403);
        assertThat(alice.post("/tickets/" + id + "/comments", "{\"text\": \"Still sticking\"}").status())
                .isEqualTo(201);
        Api.Reply internal = agent.post("/tickets/" + id + "/comments",
                "{\"text\": \"Replace under warranty\", \"internal\": true}");
        assertThat(internal.status()).isEqualTo(201);
        assertThat(internal.json().path("internal").asBoolean()).isTrue();

        assertThat(texts(alice.get("/tickets/" + id + "/comments").json())).containsExactly("Still sticking");
        assertThat(texts(agent.get("/tickets/" + id + "/comments").json()))
                .containsExactly("Still sticking", "Replace under warranty");
    }

    @Test
    void adminsManageTokensAndARevokedTokenStopsWorkingAtOnce() {
        Api.Reply created = admin.post("/tokens", "{\"name\": \"helpdesk-bot\", \"role\": \"agent\"}");
        assertThat(created.status()).isEqualTo(201);
        String secret = created.json().path("token").asString();
        long tokenId = created.json().path("id").asLong();
        Api bot = anonymous.withToken(secret);
        assertThat(bot.get("/tickets").status()).isEqualTo(200);

        JsonNode listed = admin.get("/tokens").json();
        assertThat(listed.toString()).contains("helpdesk-bot").doesNotContain(secret);
        assertThat(admin.post("/tokens", "{\"role\": \"superuser\"}").status()).isEqualTo(422);
        assertThat(admin.post("/tokens", "{\"name\": \"x\", \"role\": \"superuser\"}").body())
                .contains("Unknown role 'superuser'; use requester, agent or admin");

        assertThat(admin.delete("/tokens/" + tokenId).status()).isEqualTo(204);
        assertThat(bot.get("/tickets").status()).isEqualTo(401);
        assertThat(admin.delete("/tokens/" + tokenId).status()).isEqualTo(404);
    }

    @Test
    void aLoginLinkOpensOneSessionWhoseChangesNeedTheCsrfToken() {
        String code = tokens.issueLoginCode("admin", Role.ADMIN);
        HttpResponse<String> login = anonymous.raw(anonymous.request("/login?code=" + code).GET());
        assertThat(login.statusCode()).isEqualTo(302);
        String setCookie = login.headers().allValues("Set-Cookie").stream()
                .filter(cookie -> cookie.startsWith(CallerCredentials.SESSION_COOKIE + "=")).findFirst().orElseThrow();
        assertThat(setCookie).startsWith(CallerCredentials.SESSION_COOKIE + "=").contains("HttpOnly")
                .contains("SameSite=Lax");
        String session = setCookie.substring(0, setCookie.indexOf(';'));

        HttpResponse<String> reused = anonymous.raw(anonymous.request("/login?code=" + code).GET());
        assertThat(reused.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/login?error=link"));

        HttpResponse<String> me = anonymous.raw(anonymous.request("/auth/me").header("Cookie", session).GET());
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).contains("\"role\":\"admin\"");
        String xsrf = me.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("XSRF-TOKEN="))
                .map(c -> c.substring("XSRF-TOKEN=".length(), c.indexOf(';'))).findFirst().orElseThrow();

        String ticket = "{\"title\": \"Badge reader broken\"}";
        HttpResponse<String> forged = anonymous.raw(anonymous.request("/tickets").header("Cookie", session)
                .header("Content-Type", "application/json").POST(BodyPublishers.ofString(ticket)));
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("CSRF");
        HttpResponse<String> created = anonymous.raw(anonymous.request("/tickets")
                .header("Cookie", session + "; XSRF-TOKEN=" + xsrf).header("X-XSRF-TOKEN", xsrf)
                .header("Content-Type", "application/json").POST(BodyPublishers.ofString(ticket)));
        assertThat(created.statusCode()).isEqualTo(201);

        HttpResponse<String> logout = anonymous.raw(anonymous.request("/auth/logout")
                .header("Cookie", session + "; XSRF-TOKEN=" + xsrf).header("X-XSRF-TOKEN", xsrf)
                .POST(BodyPublishers.noBody()));
        assertThat(logout.statusCode()).isEqualTo(204);
        assertThat(anonymous.raw(anonymous.request("/auth/me").header("Cookie", session).GET()).statusCode())
                .isEqualTo(401);
    }

    @Test
    void aPastedTokenOpensASessionWithoutPuttingTheTokenInTheCookie() {
        String secret = tokens.createApiToken("carol", Role.AGENT).secret();
        HttpResponse<String> login = anonymous.raw(anonymous.request("/auth/session")
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"token\": \"" + secret + "\"}")));
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("\"name\":\"carol\"");
        assertThat(login.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                .startsWith(CallerCredentials.SESSION_COOKIE + "=")).noneSatisfy(cookie -> assertThat(cookie)
                .contains(secret));
        assertThat(anonymous.post("/auth/session", "{\"token\": \"tt_wrong\"}").status()).isEqualTo(401);
    }

    @Test
    void aBadIdIsAnsweredAboutThePathItWasGivenFor() {
        assertThat(agent.get("/tickets/abc").json().path("detail").asString()).isEqualTo("No ticket with id 'abc'");
        assertThat(agent.get("/tickets/abc/comments").json().path("detail").asString())
                .isEqualTo("No ticket with id 'abc'");
        Api.Reply incident = agent.get("/incidents/abc");
        assertThat(incident.status()).isEqualTo(404);
        assertThat(incident.json().path("detail").asString()).isEqualTo("No incident with id 'abc'");
        Api.Reply token = admin.delete("/tokens/abc");
        assertThat(token.status()).isEqualTo(404);
        assertThat(token.json().path("detail").asString()).isEqualTo("No token with id 'abc'");
        Api.Reply webhook = admin.get("/webhooks/abc");
        assertThat(webhook.status()).isEqualTo(404);
        assertThat(webhook.json().path("detail").asString()).isEqualTo("No webhook with id 'abc'");
    }

    @Test
    void refusalsFromTheSecurityFiltersAndFromControllersAreTheSameKindOfProblem() {
        long id = alice.post("/tickets", "{\"title\": \"Mouse double-clicks\"}").json().path("id").asLong();
        HttpResponse<String> fromFilter = anonymous.raw(anonymous.request("/tickets").GET());
        HttpResponse<String> fromLogin = anonymous.raw(anonymous.request("/auth/session")
                .header("Content-Type", "application/json").POST(BodyPublishers.ofString("{\"token\": \"tt_x\"}")));
        for (HttpResponse<String> unauthorized : java.util.List.of(fromFilter, fromLogin)) {
            assertThat(unauthorized.statusCode()).isEqualTo(401);
            assertThat(unauthorized.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(unauthorized.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"ticket-triage\"");
            JsonNode problem = new Api.Reply(401, "", unauthorized.body()).json();
            assertThat(problem.path("title").asString()).isEqualTo("Unauthorized");
            assertThat(problem.path("instance").asString()).isEqualTo(unauthorized.uri().getPath());
        }
        Api.Reply byRole = alice.delete("/tickets/" + id);
        Api.Reply byRule = alice.post("/tickets/" + id + "/comments", "{\"text\": \"x\", \"internal\": true}");
        for (Api.Reply forbidden : java.util.List.of(byRole, byRule)) {
            assertThat(forbidden.status()).isEqualTo(403);
            assertThat(forbidden.contentType()).isEqualTo("application/problem+json");
            assertThat(forbidden.json().path("title").asString()).isEqualTo("Forbidden");
            assertThat(forbidden.json().path("instance").asString()).startsWith("/tickets/" + id);
        }
    }

    @Test
    void sessionsDieWithTheirTokenAndAdminsListAndEndThem() {
        Api.Reply created = admin.post("/tokens", "{\"name\": \"ivan\", \"role\": \"admin\"}");
        long tokenId = created.json().path("id").asLong();
        String session = sessionCookie(created.json().path("token").asString());
        assertThat(withCookie("/auth/me", session).statusCode()).isEqualTo(200);

        JsonNode sessions = admin.get("/sessions").json();
        assertThat(sessions.valueStream().filter(listed -> listed.path("token_id").asLong() == tokenId).count())
                .isEqualTo(1);
        assertThat(sessions.toString()).doesNotContain(session.substring(session.indexOf('=') + 1));
        assertThat(alice.get("/sessions").status()).isEqualTo(403);

        assertThat(admin.delete("/tokens/" + tokenId).status()).isEqualTo(204);
        assertThat(withCookie("/auth/me", session).statusCode()).isEqualTo(401);
        assertThat(admin.get("/sessions").json().valueStream()
                .noneMatch(listed -> listed.path("token_id").asLong() == tokenId)).isTrue();

        String other = sessionCookie(tokens.createApiToken("judy", Role.AGENT).secret());
        long otherId = admin.get("/sessions").json().valueStream()
                .filter(listed -> listed.path("name").asString().equals("judy")).findFirst().orElseThrow()
                .path("id").asLong();
        assertThat(admin.delete("/sessions/" + otherId).status()).isEqualTo(204);
        assertThat(withCookie("/auth/me", other).statusCode()).isEqualTo(401);
        assertThat(admin.delete("/sessions/" + otherId).status()).isEqualTo(404);
    }

    @Test
    void aTokenKeepsABoundedNumberOfLiveSessions() {
        String secret = tokens.createApiToken("karl", Role.REQUESTER).secret();
        String first = sessionCookie(secret);
        for (int i = 0; i < AccessTokens.MAX_SESSIONS_PER_TOKEN; i++) {
            sessionCookie(secret);
        }
        assertThat(admin.get("/sessions").json().valueStream()
                .filter(listed -> listed.path("name").asString().equals("karl")).count())
                .isEqualTo(AccessTokens.MAX_SESSIONS_PER_TOKEN);
        assertThat(withCookie("/auth/me", first).statusCode()).isEqualTo(401);
    }

    @Test
    void forgetsEndedSessionsWhileRunning() {
        String session = sessionCookie(tokens.createApiToken("lena", Role.AGENT).secret());
        long id = admin.get("/sessions").json().valueStream()
                .filter(listed -> listed.path("name").asString().equals("lena")).findFirst().orElseThrow()
                .path("id").asLong();
        admin.delete("/sessions/" + id);

        housekeeping.purge();

        assertThat(store.find(id)).isEmpty();
        assertThat(withCookie("/auth/me", session).statusCode()).isEqualTo(401);
    }

    private String sessionCookie(String token) {
        HttpResponse<String> login = anonymous.raw(anonymous.request("/auth/session")
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"token\": \"" + token + "\"}")));
        assertThat(login.statusCode()).isEqualTo(200);
        String cookie = login.headers().allValues("Set-Cookie").stream()
                .filter(value -> value.startsWith(CallerCredentials.SESSION_COOKIE + "=")).findFirst().orElseThrow();
        return cookie.substring(0, cookie.indexOf(';'));
    }

    private HttpResponse<String> withCookie(String path, String cookie) {
        return anonymous.raw(anonymous.request(path).header("Cookie", cookie).GET());
    }

    @Test
    void answersCarryingASecretAreNeverCachedAndUnnamedTokensDoNotShowTheirSecret() {
        HttpResponse<String> created = admin.raw(admin.request("/tokens").header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"role\": \"requester\"}")));
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode token = new Api.Reply(201, "", created.body()).json();
        String secret = token.path("token").asString();
        assertThat(token.path("name").asString()).startsWith("requester-").doesNotContain(secret.substring(3, 11));

        HttpResponse<String> login = anonymous.raw(anonymous.request("/auth/session")
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"token\": \"" + secret + "\"}")));
        assertThat(login.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    /** A script logging in as the dashboard does can make its first change with what the login answered. */
    @Test
    void theLoginAnswerCarriesTheXsrfCookieTheFirstChangeNeeds() {
        HttpResponse<String> login = anonymous.raw(anonymous.request("/auth/session")
                .header("Content-Type", "application/json").POST(BodyPublishers.ofString("{\"token\": \""
                        + tokens.createApiToken("nina", Role.AGENT).secret() + "\"}")));
        assertThat(login.statusCode()).isEqualTo(200);
        java.util.Map<String, String> cookies = new java.util.HashMap<>();
        for (String cookie : login.headers().allValues("Set-Cookie")) {
            String pair = cookie.substring(0, cookie.indexOf(';'));
            cookies.put(pair.substring(0, pair.indexOf('=')), pair);
        }
        assertThat(cookies).containsKeys(CallerCredentials.SESSION_COOKIE, "XSRF-TOKEN");

        HttpResponse<String> created = anonymous.raw(anonymous.request("/tickets")
                .header("Cookie", String.join("; ", cookies.values()))
                .header("X-XSRF-TOKEN", cookies.get("XSRF-TOKEN").substring("XSRF-TOKEN=".length()))
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"title\": \"First ticket after logging in\"}")));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    @Test
    void onlyABearerTokenSkipsTheCsrfCheckOfACookieRequest() {
        String session = sessionCookie(tokens.createApiToken("mike", Role.AGENT).secret());
        HttpResponse<String> forged = anonymous.raw(anonymous.request("/tickets").header("Cookie", session)
                .header("Authorization", "Basic bWlrZTp4").header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"title\": \"Forged with a stray header\"}")));
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("CSRF");
    }

    @Test
    void theSessionCookieIsSecureBehindATlsProxyAndRedirectsIgnoreTheHostHeader() {
        HttpResponse<String> login = anonymous.raw(anonymous.request("/auth/session")
                .header("Content-Type", "application/json").header("X-Forwarded-Proto", "https")
                .POST(BodyPublishers.ofString("{\"token\": \"" + tokens.createApiToken("nina", Role.AGENT).secret()
                        + "\"}")));
        assertThat(login.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                .startsWith(CallerCredentials.SESSION_COOKIE + "=").contains("Secure"));

        String code = tokens.issueLoginCode("admin", Role.ADMIN);
        HttpResponse<String> redirect = anonymous.raw(anonymous.request("/login?code=" + code)
                .header("X-Forwarded-Host", "evil.example.net").GET());
        assertThat(redirect.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).doesNotContain("evil.example.net"));
        assertThat(anonymous.raw(anonymous.request("/openapi.json").header("X-Forwarded-Host", "evil.example.net")
                .GET()).body()).doesNotContain("evil.example.net");
    }

    @Test
    void refusesTeamNamesThatWouldBreakFilesOrDisguiseLabels() {
        // (a NUL character never gets this far: every text in a request body is read without it, docs/api.md)
        for (String name : java.util.List.of("Bad\u0007Team", "Two\r\nLines", "Evil\u202eTeam", "a/b", "a\\b",
                "\u00e9".repeat(150))) {
            Api.Reply refused = admin.post("/teams", Api.json(java.util.Map.of("name", name,
                    "examples", java.util.List.of(java.util.Map.of("title", "Broken chair")))));
            assertThat(refused.status()).as(name).isEqualTo(422);
        }
        Api.Reply sameButCase = admin.post("/teams", Api.json(java.util.Map.of("name", "hr team",
                "examples", java.util.List.of(java.util.Map.of("title", "Payslip missing")))));
        assertThat(sameButCase.status()).isEqualTo(422);
        assertThat(sameButCase.body()).contains("A team named 'HR Team' exists");
    }

    @Test
    void storesOnlyHashesOfSecrets() {
        AccessTokens.IssuedToken issued = tokens.createApiToken("dave", Role.REQUESTER);
        assertThat(issued.secret()).startsWith("tt_").hasSizeGreaterThan(40);
        assertThat(tokens.apiTokens().toString()).doesNotContain(issued.secret());
        assertThat(AccessTokens.hash(issued.secret())).hasSize(64).isNotEqualTo(issued.secret());
    }

    private static java.util.List<Long> ids(JsonNode tickets) {
        return tickets.valueStream().map(ticket -> ticket.path("id").asLong()).toList();
    }

    private static java.util.List<String> texts(JsonNode comments) {
        return comments.valueStream().map(comment -> comment.path("text").asString()).toList();
    }
}
