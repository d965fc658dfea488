package io.tickettriage.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CallerResolutionTests {

    @Test
    void findsTheSecretInTheHandshakeQueryBearerHeaderOrSessionCookieInThatOrder() {
        assertThat(CallerResolution.secret("tt_auth", Map.of("token", "tt_query"), Map.of())).isEqualTo("tt_auth");
        assertThat(CallerResolution.secret(null, Map.of("token", "tt_query"), Map.of())).isEqualTo("tt_query");
        assertThat(CallerResolution.secret(null, Map.of(), Map.of("Authorization", List.of("Bearer tt_header"))))
                .isEqualTo("tt_header");
        assertThat(CallerResolution.secret(null, Map.of(),
                Map.of("cookie", List.of("XSRF-TOKEN=x; triage_session=tt_cookie; other=1"))))
                .isEqualTo("tt_cookie");
        assertThat(CallerResolution.secret(null, Map.of(), Map.of("cookie", List.of("other=1")))).isNull();
    }

    @Test
    void aBearerTokenWinsOverTheSessionCookieWhateverTheHeaderOrder() {
        Map<String, List<String>> headers = new java.util.LinkedHashMap<>();
        headers.put("Cookie", List.of("triage_session=tt_cookie"));
        headers.put("Authorization", List.of("Bearer tt_header"));
        assertThat(CallerResolution.secret(null, Map.of(), headers)).isEqualTo("tt_header");
    }
}
