package io.tickettriage.llm;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the LLM stage from settings, inside the service or outside it (a command-line tool, an evaluation
 * run): {@code LlmStages.create(LlmStages.settings(System.getenv()))} reads the same environment variables the
 * service reads.
 */
public final class LlmStages {

    private LlmStages() {
    }

    public static LlmStage create(LlmProperties properties) {
        return create(properties, JsonMapper.builder().build(), new SimpleMeterRegistry());
    }

    public static LlmStage create(LlmProperties properties, JsonMapper json, MeterRegistry meters) {
        return switch (properties.effectiveMode()) {
            case OFF -> new DisabledLlmStage(properties.mode() == LlmMode.OFF ? "TRIAGE_LLM_MODE=off"
                    : properties.mode() != null ? "TRIAGE_LLM_MODE=" + properties.mode().label()
                            + " needs OPENAI_API_KEY, or OPENAI_BASE_URL for a local server"
                    : "set OPENAI_API_KEY to let an OpenAI-compatible model decide what the local engine cannot");
            case ASSIST, ALWAYS -> new OpenAiCompatibleStage(properties,
                    new ChatCompletions(properties, json, Clock.systemUTC()), json, Thread::sleep, System::nanoTime,
                    new SecureRandom(), meters);
        };
    }

    /**
     * The settings named by environment variables, as the service reads them: {@code OPENAI_API_KEY},
     * {@code OPENAI_BASE_URL}, {@code OPENAI_MODEL} and {@code TRIAGE_LLM_*}, with the same defaults.
     */
    public static LlmProperties settings(Map<String, String> environment) {
        Map<String, Object> variables = new HashMap<>(environment);
        aliasOf(variables, "OPENAI_API_KEY", "TRIAGE_LLM_API_KEY");
        aliasOf(variables, "OPENAI_BASE_URL", "TRIAGE_LLM_BASE_URL");
        aliasOf(variables, "OPENAI_MODEL", "TRIAGE_LLM_MODEL");
        Binder binder = new Binder(ConfigurationPropertySources.from(
                new SystemEnvironmentPropertySource("environment", variables)));
        return binder.bindOrCreate("triage.llm", Bindable.of(LlmProperties.class));
    }

    /** The service reads OPENAI_* through application.yml; a TRIAGE_LLM_* variable of its own wins there too. */
    private static void aliasOf(Map<String, Object> variables, String openAiName, String triageName) {
        Object value = variables.get(openAiName);
        if (value != null && !value.toString().isBlank()) {
            variables.putIfAbsent(triageName, value);
        }
    }

    static String human(Duration duration) {
        long millis = duration.toMillis();
        if (millis >= 10_000) {
            return Math.round(millis / 1000.0) + " s";
        }
        return BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString() + " s";
    }
}
