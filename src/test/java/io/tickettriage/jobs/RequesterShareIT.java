package io.tickettriage.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import io.tickettriage.access.AccessTokens;
import io.tickettriage.access.Role;
import io.tickettriage.support.Api;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/** One requester cannot fill the backlog: past their share they are refused, and others still get in. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "DATABASE_URL=sqlite:///target/it-${random.uuid}.db", "triage.knowledge.dir=target/knowledge-${random.uuid}",
        "triage.rate-limit-per-minute=0", "triage.jobs.workers=0", "triage.jobs.max-pending=100",
        "triage.jobs.max-pending-per-requester=3"})
class RequesterShareIT {

    @LocalServerPort
    int port;

    @Autowired
    AccessTokens tokens;

    @Test
    void refusesARequesterPastTheirShareOfTheBacklogWith429WhileOthersGoOn() {
        Api mallory = new Api(port).withToken(tokens.createApiToken("mallory", Role.REQUESTER).secret());
        Api bob = new Api(port).withToken(tokens.createApiToken("bob", Role.REQUESTER).secret());
        for (int i = 0; i < 3; i++) {
            assertThat(mallory.post("/tickets", Api.json(Map.of("title", "Flood " + i))).status()).isEqualTo(201);
        }

        // the requester's count is at most one refresh interval old
        await().atMost(Duration.ofSeconds(5)).until(() -> mallory.post("/tickets",
                Api.json(Map.of("title", "Flood refused"))).status() == 429);
        Api.Reply refused = mallory.post("/tickets", Api.json(Map.of("title", "Flood refused")));
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.contentType()).isEqualTo("application/problem+json");
        assertThat(bob.post("/tickets", Api.json(Map.of("title", "My screen is black"))).status()).isEqualTo(201);
    }
}
