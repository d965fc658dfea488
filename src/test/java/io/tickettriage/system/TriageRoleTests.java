package io.tickettriage.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class TriageRoleTests {

    @Test
    void readsTheRoleWhateverItsCase() {
        assertThat(TriageRole.parse(" Worker ")).isEqualTo(TriageRole.WORKER);
        assertThat(TriageRole.parse("api")).isEqualTo(TriageRole.API);
    }

    @Test
    void apiProcessesRunNoWorkersAndWorkersServeNoClients() {
        assertThat(TriageRole.ALL.runsWorkers()).isTrue();
        assertThat(TriageRole.ALL.servesClients()).isTrue();
        assertThat(TriageRole.API.runsWorkers()).isFalse();
        assertThat(TriageRole.WORKER.servesClients()).isFalse();
    }

    @Test
    void refusesAnUnknownRoleNamingTheKnownOnes() {
        assertThatIllegalArgumentException().isThrownBy(() -> TriageRole.parse("scheduler"))
                .withMessage("TRIAGE_ROLE 'scheduler' is unknown; use all, api, worker");
    }
}
