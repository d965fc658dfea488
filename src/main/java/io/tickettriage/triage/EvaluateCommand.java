package io.tickettriage.triage;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.tickettriage.llm.LlmMode;
import io.tickettriage.llm.LlmProperties;
import io.tickettriage.llm.LlmStage;
import io.tickettriage.llm.LlmStages;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code eval}: trains the routing model on one labelled CSV (the history), scores another, and reports
 * accuracy, macro-F1, per-label figures, the confusion matrix, and coverage at the precision target with
 * thresholds chosen on the history alone. The model, features, calibration and thresholds are the service's
 * own ({@link LinearRouter}); no web server or database is started. With the LLM stage configured as for the
 * service ({@code OPENAI_API_KEY}, {@code TRIAGE_LLM_*}), the test file is scored a second time with the stage
 * after the local engine, see {@link LlmComparison}.
 *
 * <p>This class reads the command's settings and writes the report; {@link EvaluationInput} reads the files,
 * {@link EvaluationRun} evaluates, {@link EvaluationMetrics} and {@link EvaluationReport} score and print.
 */
public final class EvaluateCommand {

    private EvaluateCommand() {
    }

    /**
     * Runs the evaluation; returns the process exit code (2 for settings that cannot work, 1 for a failure).
     *
     * @param options     the command line's options by name ({@code train}, {@code test}, {@code text}, {@code
     *                    label} required; {@code json}, {@code embeddings}, {@code target-precision}, ...), parsed
     *                    and checked by the {@code cli} module
     * @param environment where the LLM stage's settings are read, as the service reads them
     */
    public static int run(Map<String, String> options, Map<String, String> environment, PrintStream out) {
        LlmProperties llmSettings;
        try {
            llmSettings = llmSettings(options, environment);
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
            return 2;
        }
        LlmStage stage = LlmStages.create(llmSettings);
        try {
            if (stage.mode() != LlmMode.OFF) {
                out.println(stage.describe());
            }
            Map<String, Object> report = new EvaluationRun(EvaluationInput.read(options, out), stage, llmSettings, out)
                    .evaluate();
            if (options.containsKey("json")) {
                Path json = Path.of(options.get("json"));
                Files.writeString(json, JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build()
                        .writeValueAsString(report));
                out.println("report written to " + json);
            }
            return 0;
        } catch (NoSuchFileException e) {
            out.println("eval failed: no such file: " + e.getFile());
            return 1;
        } catch (AccessDeniedException e) {
            out.println("eval failed: not allowed to read or write " + e.getFile());
            return 1;
        } catch (IOException | IllegalArgumentException | TrainingHeap.Exhausted e) {
            out.println("eval failed: " + e.getMessage());
            return 1;
        } finally {
            if (stage instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    // Only the HTTP client's connections are left to release, and the process is about to end.
                }
            }
        }
    }

    /** The service's LLM settings from the environment; the options, when given, take precedence. */
    private static LlmProperties llmSettings(Map<String, String> options, Map<String, String> environment) {
        Map<String, String> variables = new HashMap<>(environment);
        String mode = options.get("llm-mode");
        if (mode != null) {
            if (!List.of("off", "assist", "always").contains(mode.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("--llm-mode must be off, assist or always, not " + mode);
            }
            variables.put("TRIAGE_LLM_MODE", mode.toLowerCase(Locale.ROOT));
        }
        if (options.containsKey("llm-model")) {
            variables.put("TRIAGE_LLM_MODEL", options.get("llm-model"));
        }
        LlmProperties settings;
        try {
            settings = LlmStages.settings(variables);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("invalid LLM settings: " + rootMessage(e), e);
        }
        if (mode != null && !"off".equalsIgnoreCase(mode) && settings.effectiveMode() == LlmMode.OFF) {
            throw new IllegalArgumentException("--llm-mode " + mode + " needs OPENAI_API_KEY, or OPENAI_BASE_URL for"
                    + " a local server that needs no key");
        }
        return settings;
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }
}
