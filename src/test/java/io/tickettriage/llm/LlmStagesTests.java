package io.tickettriage.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Settings read outside the service, from the same environment variables and with the same defaults. */
class LlmStagesTests {

    @Test
    void isOffWithoutAKeyAndSaysHowToSwitchItOn() {
        LlmStage stage = LlmStages.create(LlmStages.settings(Map.of()));

        assertThat(stage.mode()).isEqualTo(LlmMode.OFF);
        assertThat(stage.wantsToSee(true)).isFalse();
        assertThat(stage.describe()).startsWith("LLM stage: off").contains("OPENAI_API_KEY");
        assertThat(stage.ask(new LlmQuestion("t", "d", List.of(), List.of())).status())
                .isEqualTo(LlmAnswer.Status.SKIPPED);
    }

    @Test
    void aKeyAloneSwitchesOnAssistModeAgainstOpenAiWithTheDefaults() {
        LlmProperties settings = LlmStages.settings(Map.of("OPENAI_API_KEY", "sk-x"));

        assertThat(settings.effectiveMode()).isEqualTo(LlmMode.ASSIST);
        assertThat(settings.baseUrl()).isEqualTo(URI.create("https://api.openai.com/v1"));
        assertThat(settings.model()).isEqualTo("gpt-4o-mini");
        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.maskPii()).isTrue();
        try (var stage = (OpenAiCompatibleStage) LlmStages.create(settings)) {
            assertThat(stage.wantsToSee(true)).isTrue();
            assertThat(stage.wantsToSee(false)).isFalse();
            assertThat(stage.describe()).startsWith("LLM stage: assist; gpt-4o-mini at https://api.openai.com/v1")
                    .contains("Manual Review").doesNotContain("sk-x");
        }
    }

    @Test
    void readsTheModeTheEndpointAndTheLimitsFromTheEnvironment() {
        LlmProperties settings = LlmStages.settings(Map.of("OPENAI_API_KEY", "sk-x", "TRIAGE_LLM_MODE", "always",
                "OPENAI_BASE_URL", "http://localhost:11434/v1", "OPENAI_MODEL", "llama3.1",
                "TRIAGE_LLM_TIMEOUT", "30s", "TRIAGE_LLM_MASK_PII", "false", "TRIAGE_LLM_MAX_CONCURRENCY", "1"));

        assertThat(settings.effectiveMode()).isEqualTo(LlmMode.ALWAYS);
        assertThat(settings.model()).isEqualTo("llama3.1");
        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.maskPii()).isFalse();
        assertThat(settings.maxConcurrency()).isEqualTo(1);
    }

    @Test
    void aLocalServerNeedsNoKeyWhenTheModeIsExplicit() {
        assertThat(LlmStages.settings(Map.of("TRIAGE_LLM_MODE", "assist",
                "OPENAI_BASE_URL", "http://localhost:11434/v1")).effectiveMode()).isEqualTo(LlmMode.ASSIST);
        assertThat(LlmStages.settings(Map.of("TRIAGE_LLM_MODE", "assist")).effectiveMode())
                .as("OpenAI itself needs a key").isEqualTo(LlmMode.OFF);
        assertThat(LlmStages.settings(Map.of("OPENAI_API_KEY", "sk-x", "TRIAGE_LLM_MODE", "off")).effectiveMode())
                .isEqualTo(LlmMode.OFF);
    }

    @Test
    void sendsTheKeyInTheApiKeyHeaderToAzureHostsUnlessToldOtherwise() {
        assertThat(LlmStages.settings(Map.of("OPENAI_API_KEY", "k",
                "OPENAI_BASE_URL", "https://acme.openai.azure.com/openai/v1")).keyHeader()).isEqualTo("api-key");
        assertThat(LlmStages.settings(Map.of("OPENAI_API_KEY", "k")).keyHeader()).isEqualTo("Authorization");
    }
}
