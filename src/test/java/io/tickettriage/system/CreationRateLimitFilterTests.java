package io.tickettriage.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;

class CreationRateLimitFilterTests {

    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    /** What the security filter chain leaves behind for a caller whose token or session it verified. */
    private static final Authentication VERIFIED = UsernamePasswordAuthenticationToken.authenticated("alice", null,
            AuthorityUtils.createAuthorityList("ROLE_REQUESTER"));

    private final CreationRateLimitFilter filter =
            new CreationRateLimitFilter(new ServiceProperties("all", "", null, 60, List.of(), 1_048_576),
                    new LocalCreationBudgets(60, clock), null);

    @Test
    void acceptsABurstUpToTheLimitThenAsksToWait() {
        for (int i = 0; i < 60; i++) {
            assertThat(filter.take("10.0.0.1")).isZero();
        }
        assertThat(filter.take("10.0.0.1")).isEqualTo(1_000);
    }

    @Test
    void refillsOverTime() {
        for (int i = 0; i < 60; i++) {
            filter.take("10.0.0.1");
        }
        now = now.plusMillis(2_000);
        assertThat(filter.take("10.0.0.1")).isZero();
        assertThat(filter.take("10.0.0.1")).isZero();
        assertThat(filter.take("10.0.0.1")).isPositive();
    }

    @Test
    void countsEachClientAddressSeparately() {
        for (int i = 0; i < 60; i++) {
            filter.take("10.0.0.1");
        }
        assertThat(filter.take("10.0.0.2")).isZero();
    }

    @Test
    void keysOnADigestOfTheBearerTokenAndNeverOnTheTokenItself() {
        MockHttpServletRequest withToken = new MockHttpServletRequest("POST", "/tickets");
        withToken.setRemoteAddr("10.0.0.1");
        withToken.addHeader("Authorization", "Bearer secret-token-value");

        String key = CreationRateLimitFilter.clientKey(withToken, VERIFIED);

        assertThat(key).startsWith("token:").doesNotContain("secret-token-value").doesNotContain("10.0.0.1");
        assertThat(key).hasSize("token:".length() + 64);
    }

    @Test
    void givesEachTokenItsOwnBudgetBehindOneAddress() {
        String first = CreationRateLimitFilter.clientKey(request("10.0.0.1", "Bearer first"), VERIFIED);
        String second = CreationRateLimitFilter.clientKey(request("10.0.0.1", "bearer second"), VERIFIED);
        for (int i = 0; i < 60; i++) {
            filter.take(first);
        }

        assertThat(second).isNotEqualTo(first);
        assertThat(filter.take(first)).isPositive();
        assertThat(filter.take(second)).isZero();
    }

    @Test
    void countsASessionCallerByADigestOfTheirName() {
        assertThat(CreationRateLimitFilter.clientKey(request("10.0.0.7", null), VERIFIED))
                .startsWith("caller:").doesNotContain("alice").doesNotContain("10.0.0.7");
    }

    @Test
    void countsByAddressWhenNoCredentialWasVerified() {
        Authentication demo = new AnonymousAuthenticationToken("demo", "demo",
                AuthorityUtils.createAuthorityList("ROLE_ADMIN"));
        assertThat(CreationRateLimitFilter.clientKey(request("10.0.0.7", "Bearer made-up"), null))
                .isEqualTo("address:10.0.0.7");
        assertThat(CreationRateLimitFilter.clientKey(request("10.0.0.7", "Bearer made-up"), demo))
                .isEqualTo("address:10.0.0.7");
        assertThat(CreationRateLimitFilter.clientKey(request("10.0.0.7", null), demo)).isEqualTo("address:10.0.0.7");
    }

    private static MockHttpServletRequest request(String address, String authorization) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/tickets");
        request.setRemoteAddr(address);
        if (authorization != null) {
            request.addHeader("Authorization", authorization);
        }
        return request;
    }

    @Test
    void countsEverySpellingOfTheTicketsPathAsTicketsPath() {
        for (String spelling : List.of("/tickets", "/%74ickets", "/tick%65ts", "/tickets;jsessionid=1", "//tickets",
                "/x/../tickets", "/./tickets")) {
            MockHttpServletRequest request = new MockHttpServletRequest("POST", spelling);
            assertThat(CreationRateLimitFilter.normalisedPath(request)).as(spelling).isEqualTo("/tickets");
        }
    }
}
