package io.tickettriage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TriageApplicationTests {

    @Test
    void keepsCarrierThreadsForRequestsWhileOthersWaitInNativeCalls() {
        assertThat(TriageApplication.carrierThreads(1)).isEqualTo(8);
        assertThat(TriageApplication.carrierThreads(2)).isEqualTo(8);
        assertThat(TriageApplication.carrierThreads(16)).isEqualTo(32);
    }
}
