package io.tickettriage.llm;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import jakarta.validation.constraints.Min;

import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the LLM stage ({@code triage.llm.*}; the endpoint also from {@code OPENAI_API_KEY},
 * {@code OPENAI_BASE_URL} and {@code OPENAI_MODEL}, see application.yml).
 *
 * @param mode              {@code TRIAGE_LLM_MODE}; unset means {@code assist} once a key is set, else {@code off}
 * @param apiKey            the key; a local server (Ollama, vLLM, LM Studio) needs none if the mode is set explicitly
 * @param baseUrl           the API root; {@code /chat/completions} is appended
 * @param model             the model (on Azure OpenAI: the deployment name)
 * @param apiKeyHeader      {@code Authorization} (sends {@code Bearer <key>}) or a header that carries the bare key,
 *                          such as Azure's {@code api-key}; empty picks {@code api-key} for {@code *.azure.com} hosts
 * @param apiVersion        sent as the {@code api-version} query parameter when set (Azure OpenAI's deployment URLs)
 * @param timeout           the most the stage may add to routing one ticket, retries and waits included
 * @param attemptTimeout    the most one request may take before it is abandoned (and retried if time is left)
 * @param maxAttempts       requests per ticket at most, the first included
 * @param retryBackoff      the wait before the second request; doubled for each further one, with jitter
 * @param maxConcurrency    requests in flight at once; more wait, within the timeout, for a free slot
 * @param breakerFailures   consecutive failed tickets after which the stage stops calling for {@code breakerCooldown}
 * @param breakerCooldown   how long the open breaker waits before one probe request is let through
 * @param maskPii           mask e-mail addresses, phone, card and account numbers and secrets before sending
 * @param temperature       sampling temperature; negative leaves it to the server (some reasoning models insist)
 * @param examples          how many similar labelled examples the prompt carries
 * @param teamDescriptions  what each team handles, by team name; the five default teams have built-in ones
 */
@ConfigurationProperties("triage.llm")
@Validated
public record LlmProperties(
        @Nullable LlmMode mode,
        @DefaultValue("") String apiKey,
        @DefaultValue(LlmProperties.OPENAI) URI baseUrl,
        @DefaultValue(LlmProperties.DEFAULT_MODEL) String model,
        @DefaultValue("") String apiKeyHeader,
        @DefaultValue("") String apiVersion,
        @DefaultValue("10s") @DurationMin(inclusive = false) Duration timeout,
        @DefaultValue("5s") @DurationMin(inclusive = false) Duration attemptTimeout,
        @DefaultValue("3") @Min(1) int maxAttempts,
        @DefaultValue("500ms") @DurationMin Duration retryBackoff,
        @DefaultValue("4") @Min(1) int maxConcurrency,
        @DefaultValue("5") @Min(1) int breakerFailures,
        @DefaultValue("30s") @DurationMin Duration breakerCooldown,
        @DefaultValue("true") boolean maskPii,
        @DefaultValue("0") double temperature,
        @DefaultValue("5") @Min(0) int examples,
        @Nullable Map<String, String> teamDescriptions) {

    static final String OPENAI = "https://api.openai.com/v1";
    static final String DEFAULT_MODEL = "gpt-4o-mini";

    public LlmProperties {
        baseUrl = baseUrl == null || baseUrl.toString().isBlank() ? URI.create(OPENAI) : baseUrl;
        model = model == null || model.isBlank() ? DEFAULT_MODEL : model;
        teamDescriptions = teamDescriptions == null ? Map.of() : Map.copyOf(teamDescriptions);
    }

    /**
     * The mode in effect. A key switches the stage on in {@code assist} mode unless told otherwise; without a
     * key only an explicit mode with a base URL of one's own (a local server) switches it on.
     */
    public LlmMode effectiveMode() {
        boolean keyed = !apiKey.isBlank();
        boolean ownServer = !URI.create(OPENAI).equals(baseUrl);
        if (mode == null) {
            return keyed ? LlmMode.ASSIST : LlmMode.OFF;
        }
        return keyed || ownServer ? mode : LlmMode.OFF;
    }

    /** The header that carries the key, and whether its value is {@code Bearer <key>}. */
    String keyHeader() {
        if (!apiKeyHeader.isBlank()) {
            return apiKeyHeader;
        }
        String host = baseUrl.getHost() == null ? "" : baseUrl.getHost();
        return host.endsWith(".azure.com") ? "api-key" : "Authorization";
    }

    /** The base URL without credentials or query, safe to log. */
    String endpointForLogs() {
        return baseUrl.getScheme() + "://" + baseUrl.getHost() + (baseUrl.getPort() < 0 ? "" : ":" + baseUrl.getPort())
                + (baseUrl.getPath() == null ? "" : baseUrl.getPath());
    }
}
