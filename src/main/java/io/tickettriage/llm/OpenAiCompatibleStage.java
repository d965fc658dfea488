package io.tickettriage.llm;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tickettriage.llm.ChatCompletions.Failed;
import io.tickettriage.llm.ChatCompletions.Outcome;
import io.tickettriage.llm.ChatCompletions.Replied;
import io.tickettriage.llm.ChatCompletions.Retryable;
import io.tickettriage.llm.ChatCompletions.Unacceptable;
import io.tickettriage.llm.LlmAnswer.Status;
import io.tickettriage.system.Backoff;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The stage in front of a Chat Completions endpoint. One question gets at most {@code timeout} in all: a free
 * request slot, then requests with backoff between them while the time lasts, through a circuit breaker that
 * stops calling an endpoint that keeps failing.
 */
final class OpenAiCompatibleStage implements LlmStage, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OpenAiCompatibleStage.class);

    /** Waits between attempts; a seam so tests can see what was asked for without waiting. */
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final LlmProperties properties;
    private final LlmMode mode;
    private final ChatCompletions endpoint;
    private final Prompt prompt;
    private final ResponseFormat format = new ResponseFormat();
    private final JsonMapper json;
    private final Semaphore slots;
    private final CircuitBreaker breaker;
    /** The longest wait between requests that the provider did not ask for itself. */
    private static final Duration MAX_RETRY_WAIT = Duration.ofSeconds(30);

    private final Backoff backoff;
    private final Sleeper sleeper;
    private final LongSupplier nanoTime;
    private final RandomGenerator random;
    private final MeterRegistry meters;
    private final Timer duration;

    OpenAiCompatibleStage(LlmProperties properties, ChatCompletions endpoint, JsonMapper json, Sleeper sleeper,
            LongSupplier nanoTime, RandomGenerator random, MeterRegistry meters) {
        this.properties = properties;
        this.mode = properties.effectiveMode();
        this.endpoint = endpoint;
        this.prompt = new Prompt(properties.teamDescriptions(), properties.maskPii(), json);
        this.json = json;
        this.slots = new Semaphore(properties.maxConcurrency(), true);
        this.breaker = new CircuitBreaker(properties.breakerFailures(), properties.breakerCooldown(), nanoTime);
        this.backoff = new Backoff(properties.retryBackoff(), MAX_RETRY_WAIT, random::nextDouble);
        this.sleeper = sleeper;
        this.nanoTime = nanoTime;
        this.random = random;
        this.meters = meters;
        this.duration = Timer.builder("triage.llm.duration")
                .description("Time the LLM stage took per ticket, retries included")
                .register(meters);
    }

    @Override
    public LlmMode mode() {
        return mode;
    }

    @Override
    public String describe() {
        String when = mode == LlmMode.ALWAYS ? "decides every ticket"
                : "decides the tickets the local engine would send to Manual Review";
        return String.format(Locale.ROOT, "LLM stage: %s; %s at %s %s, within %s per ticket (the local decision"
                + " stands when it cannot); personal data %s", mode.label(), properties.model(),
                properties.endpointForLogs(), when, LlmStages.human(properties.timeout()),
                properties.maskPii() ? "masked" : "NOT masked (TRIAGE_LLM_MASK_PII=false)");
    }

    @Override
    public LlmAnswer ask(LlmQuestion question) {
        long start = nanoTime.getAsLong();
        LlmAnswer answer;
        try {
            answer = askWithin(question, start + properties.timeout().toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer = LlmAnswer.without(Status.FAILED, "Interrupted", properties.model(), 0);
        } catch (RuntimeException e) {
            answer = LlmAnswer.without(Status.FAILED, "Unexpected error: " + e, properties.model(), 0);
        }
        duration.record(Duration.ofNanos(nanoTime.getAsLong() - start));
        Counter.builder("triage.llm.answers")
                .description("Questions to the LLM stage, by outcome")
                .tag("status", answer.status().name().toLowerCase(Locale.ROOT))
                .register(meters)
                .increment();
        return answer;
    }

    private LlmAnswer askWithin(LlmQuestion question, long deadline) throws InterruptedException {
        if (question.teams().isEmpty()) {
            return skipped("There are no teams to choose from");
        }
        if (!slots.tryAcquire(Math.max(0, deadline - nanoTime.getAsLong()), TimeUnit.NANOSECONDS)) {
            return skipped("All " + properties.maxConcurrency() + " request slots stayed busy");
        }
        try {
            if (!breaker.tryAcquire()) {
                return skipped("The circuit breaker is open after repeated failures; next try in "
                        + LlmStages.human(breaker.remainingCoolDown()));
            }
            boolean reported = false;
            try {
                Exchange exchange = exchange(question, deadline);
                if (exchange.health() == Health.UP) {
                    breaker.onSuccess();
                } else if (breaker.onFailure()) {
                    log.warn("LLM stage paused for {} after {} failed tickets in a row; last: {}",
                            LlmStages.human(properties.breakerCooldown()), breaker.consecutiveFailures(),
                            exchange.answer().reason());
                }
                report(exchange.answer());
                reported = true;
                return exchange.answer();
            } finally {
                if (!reported) {
                    breaker.onAbandoned();
                }
            }
        } finally {
            slots.release();
        }
    }

    /** Whether an exchange showed the endpoint working (whatever it answered) or not. */
    private enum Health { UP, DOWN }

    private record Exchange(LlmAnswer answer, Health health) {
    }

    private Exchange exchange(LlmQuestion question, long deadline) throws InterruptedException {
        String code = HexFormat.of().toHexDigits(random.nextInt());
        Prompt.Messages messages = prompt.messages(question, code);
        List<String> teams = Prompt.teamNames(question);
        int requests = 0;
        int failures = 0;
        String why = "No time left to send a request";
        while (true) {
            long left = deadline - nanoTime.getAsLong();
            if (left <= 0) {
                return failed(why + "; the " + LlmStages.human(properties.timeout()) + " limit is reached",
                        requests, Health.DOWN);
            }
            Duration limit = Duration.ofNanos(Math.min(properties.attemptTimeout().toNanos(), left));
            requests++;
            Outcome outcome = endpoint.post(body(messages, question), limit);
            switch (outcome) {
                case Replied replied -> {
                    return new Exchange(answerIn(replied, teams, requests), Health.UP);
                }
                case Unacceptable refused -> {
                    if (!format.relaxAfter(refused.body())) {
                        return failed("The server refused the request: " + refused.why(), requests, Health.UP);
                    }
                }
                case Failed failure -> {
                    return failed(failure.why(), requests, failure.endpointFault() ? Health.DOWN : Health.UP);
                }
                case Retryable retryable -> {
                    failures++;
                    why = retryable.why();
                    if (failures >= properties.maxAttempts()) {
                        return failed(why + " (after " + failures + " attempts)", requests, Health.DOWN);
                    }
                    int failed = failures;
                    // exactly what the provider asked for, even beyond the usual cap: waiting less would only be refused again
                    Duration wait = retryable.retryAfter().orElseGet(() -> backoff.after(failed, null));
                    if (wait.toNanos() >= deadline - nanoTime.getAsLong()) {
                        return failed(why + "; a retry after " + LlmStages.human(wait) + " would pass the "
                                + LlmStages.human(properties.timeout()) + " limit", requests, Health.DOWN);
                    }
                    sleeper.sleep(wait);
                }
            }
        }
    }

    /**
     * Failures are logged with their cause, which says what is wrong with the endpoint; rejections without it,
     * since it may quote the reply, and the reply may quote the ticket.
     */
    private static void report(LlmAnswer answer) {
        switch (answer.status()) {
            case FAILED -> log.warn("LLM request failed, the local decision stands: {}", answer.reason());
            case REJECTED -> log.info("LLM reply rejected, the local decision stands (details in the ticket's"
                    + " explanation)");
            default -> {
            }
        }
    }

    /** The reply, checked: an answer only if it passes validation, whatever the server promised. */
    private LlmAnswer answerIn(Replied replied, List<String> teams, int requests) {
        Reply.Verdict verdict = Reply.read(json, replied.body(), teams);
        return verdict.valid()
                ? LlmAnswer.answered(verdict.team(), verdict.priority(), verdict.level(), verdict.reason(),
                        properties.model(), requests)
                : LlmAnswer.without(Status.REJECTED, verdict.reason(), properties.model(), requests);
    }

    private String body(Prompt.Messages messages, LlmQuestion question) {
        ObjectNode body = json.createObjectNode().put("model", properties.model());
        ArrayNode list = body.putArray("messages");
        list.addObject().put("role", "system").put("content", messages.system());
        list.addObject().put("role", "user").put("content", messages.user());
        if (properties.temperature() >= 0 && format.temperature()) {
            body.put("temperature", properties.temperature());
        }
        format.apply(body, () -> prompt.schema(question));
        return json.writeValueAsString(body);
    }

    private Exchange failed(String why, int requests, Health health) {
        return new Exchange(LlmAnswer.without(Status.FAILED, why, properties.model(), requests), health);
    }

    private LlmAnswer skipped(String why) {
        return LlmAnswer.without(Status.SKIPPED, why, properties.model(), 0);
    }

    @Override
    public void close() {
        endpoint.close();
    }
}
