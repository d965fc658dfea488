package io.tickettriage.llm;

import io.micrometer.core.instrument.MeterRegistry;
import io.tickettriage.system.StartupNote;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import tools.jackson.databind.json.JsonMapper;

/** Picks the LLM stage from the settings: an OpenAI-compatible endpoint, or the disabled stage. */
@Configuration(proxyBeanMethods = false)
class LlmConfiguration {

    private static final Logger log = LoggerFactory.getLogger(LlmConfiguration.class);

    @Bean
    LlmStage llmStage(LlmProperties properties, JsonMapper json, MeterRegistry meters) {
        if (properties.mode() != null && properties.mode() != LlmMode.OFF
                && properties.effectiveMode() == LlmMode.OFF) {
            log.warn("TRIAGE_LLM_MODE={} is ignored: set OPENAI_API_KEY (or OPENAI_BASE_URL for a local server"
                    + " that needs no key)", properties.mode().label());
        }
        return LlmStages.create(properties, json, meters);
    }

    @Bean
    StartupNote llmStartupNote(LlmStage stage) {
        return stage::describe;
    }
}
