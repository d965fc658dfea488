package io.tickettriage.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class AttemptTests {

    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

    @ParameterizedTest
    @ValueSource(ints = {200, 201, 202, 204, 299})
    void anyTwoHundredIsDelivered(int status) {
        assertThat(Attempt.answered(status, null, NOW).result()).isEqualTo(Attempt.Result.DELIVERED);
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 429, 500, 502, 503, 504})
    void passingTroubleIsRetried(int status) {
        assertThat(Attempt.answered(status, null, NOW).result()).isEqualTo(Attempt.Result.RETRY);
    }

    @ParameterizedTest
    @ValueSource(ints = {301, 302, 307, 400, 401, 403, 404, 410, 413, 422})
    void otherAnswersFailAtOnce(int status) {
        Attempt attempt = Attempt.answered(status, null, NOW);
        assertThat(attempt.result()).isEqualTo(Attempt.Result.FAIL);
        assertThat(attempt.status()).isEqualTo(status);
    }

    @Test
    void readsRetryAfterAsSecondsOrAsADate() {
        assertThat(Attempt.answered(429, "120", NOW).retryAfter()).isEqualTo(Duration.ofMinutes(2));
        assertThat(Attempt.answered(503, "Sun, 06 Dec 2026 12:01:30 GMT", NOW).retryAfter())
                .isEqualTo(Duration.ofSeconds(90));
        assertThat(Attempt.answered(503, "soon", NOW).retryAfter()).isNull();
        assertThat(Attempt.answered(503, "-5", NOW).retryAfter()).isNull();
    }
}
