package io.tickettriage.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickettriage.access.AccessTokens;
import io.tickettriage.access.Role;
import io.tickettriage.support.Api;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/** With access control on, each verified API token has its own creation budget; made-up tokens get nothing. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "DATABASE_URL=sqlite:///target/it-${random.uuid}.db", "triage.knowledge.dir=target/knowledge-${random.uuid}",
        "triage.rate-limit-per-minute=3"})
class CreationLimitPerTokenIT {

    @LocalServerPort
    int port;

    @Autowired
    AccessTokens tokens;

    @Test
    void givesEachVerifiedTokenItsOwnBudgetBehindOneAddress() {
        Api anonymous = new Api(port);
        Api first = anonymous.withToken(tokens.createApiToken("first-desk", Role.REQUESTER).secret());
        Api second = anonymous.withToken(tokens.createApiToken("second-desk", Role.REQUESTER).secret());
        for (int i = 0; i < 3; i++) {
            assertThat(first.post("/tickets", "{\"title\": \"First desk ticket " + i + "\"}").status()).isEqualTo(201);
        }

        Api.Reply refused = first.post("/tickets", "{\"title\": \"First desk one too many\"}");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(second.post("/tickets", "{\"title\": \"Second desk first ticket\"}").status()).isEqualTo(201);
    }

    @Test
    void refusesMadeUpTokensBeforeTheyCanClaimABudgetOfTheirOwn() {
        Api anonymous = new Api(port);
        for (int i = 0; i < 5; i++) {
            Api forged = anonymous.withToken("tt_made-up-" + i);
            assertThat(forged.post("/tickets", "{\"title\": \"Forged " + i + "\"}").status()).isEqualTo(401);
        }
    }
}
