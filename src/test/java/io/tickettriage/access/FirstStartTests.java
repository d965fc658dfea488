package io.tickettriage.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class FirstStartTests {

    @Test
    void tellsHowLongTheLoginLinkWorksInWords() {
        assertThat(FirstStart.readable(Duration.ofHours(24))).isEqualTo("24 hours");
        assertThat(FirstStart.readable(Duration.ofHours(1))).isEqualTo("1 hour");
        assertThat(FirstStart.readable(Duration.ofMinutes(90))).isEqualTo("90 minutes");
        assertThat(FirstStart.readable(Duration.ofSeconds(45))).isEqualTo("45 seconds");
    }
}
