package io.tickettriage.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.tickettriage.support.CommandProcess;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A setting that cannot work stops the service at start-up with a report that names it as the user wrote it, its
 * value and why, instead of a service that starts and misbehaves (-1 workers, a precision no threshold reaches) or
 * a failure deep inside a library. The service runs as its own JVM, as {@code ./ticket-triage} starts it.
 */
class ConfigurationValidationIT {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            TRIAGE_TARGET_PRECISION       | 5       | 5.0     | triage.routing.targetPrecision | must be less than or
            TRIAGE_JOBS_WORKERS           | -1      | -1      | triage.jobs.workers            | must be greater than
            REDIS_URL                     | notaurl | notaurl | triage.service.redisUrl        | must be a redis://
            TRIAGE_WEBHOOKS_POLL_INTERVAL | -1s     | PT-1S   | triage.webhooks.pollInterval   | must be longer than 0
            TRIAGE_LLM_TIMEOUT            | 0s      | PT0S    | triage.llm.timeout             | must be longer than 0
            TRIAGE_LLM_MAX_ATTEMPTS       | 0       | 0       | triage.llm.maxAttempts         | must be greater than
            TRIAGE_HTTP_READ_TIMEOUT      | soon    | soon    | server.tomcat.connection-timeout | failed to convert
            """)
    void aSettingThatCannotWorkStopsTheStartWithAReportNamingIt(String variable, String value, String shown,
            String property, String reason) throws Exception {
        ProcessBuilder service = CommandProcess.command();
        service.environment().putAll(Map.of("DATABASE_URL", "sqlite:///" + dir.resolve("tickets.db"),
                "TRIAGE_KNOWLEDGE_DIR", dir.resolve("knowledge").toString(), "SERVER_PORT", "0", variable, value));

        String output = CommandProcess.run(service, Duration.ofSeconds(120), 1);

        assertThat(output).contains("APPLICATION FAILED TO START", "Property: " + property,
                "Value: \"" + shown + "\"", "Origin: System Environment Property \"" + variable + "\"",
                "Reason: " + reason).doesNotContain("Started TriageApplication");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            TRIAGE_ZAMMAD_URL | notaurl | TRIAGE_ZAMMAD_URL must be an http:// or https:// address with a host name
            TRIAGE_MAIL_IMAP_URL | http://mail.example.com | TRIAGE_MAIL_IMAP_URL must start with imap:// or imaps://
            SERVER_PORT | 99999 | SERVER_PORT (server.port) must be between 0 and 65535 (0 picks a free port), not 99999
            TRIAGE_FORWARD_HEADERS | bogus | TRIAGE_FORWARD_HEADERS must be native, framework or none, not bogus
            TRIAGE_LLM_MODE | sometimes | TRIAGE_LLM_MODE (triage.llm.mode) is 'sometimes', which is none of: off, assist
            TRIAGE_AUTH | bogus | TRIAGE_AUTH (triage.access.auth) is 'bogus', which is none of: token, none
            DATABASE_URL      | garbage | DATABASE_URL must start with sqlite://, postgresql:// or jdbc: but was
            """)
    void aSettingTheApplicationChecksItselfIsReportedByItsMessageAlone(String variable, String value, String message)
            throws Exception {
        ProcessBuilder service = CommandProcess.command();
        service.environment().putAll(Map.of("DATABASE_URL", "sqlite:///" + dir.resolve("tickets.db"),
                "TRIAGE_KNOWLEDGE_DIR", dir.resolve("knowledge").toString(), "SERVER_PORT", "0"));
        service.environment().put(variable, value);

        String output = CommandProcess.run(service, Duration.ofSeconds(120), 1);

        assertThat(output).contains("APPLICATION FAILED TO START", "Description:\n\n" + message,
                "Every setting is described in docs/configuration.md").doesNotContain("\tat ");
    }

    @Test
    void aDatabaseThatCannotBeOpenedIsReportedAsSuchWithWhatToCheck() throws Exception {
        ProcessBuilder service = CommandProcess.command();
        Path missing = dir.resolve("no-such-folder").resolve("tickets.db");
        service.environment().putAll(Map.of("DATABASE_URL", "sqlite:///" + missing, "TRIAGE_KNOWLEDGE_DIR",
                dir.resolve("knowledge").toString(), "SERVER_PORT", "0"));

        String output = CommandProcess.run(service, Duration.ofSeconds(120), 1);

        assertThat(output).contains("APPLICATION FAILED TO START",
                "The database could not be opened: [SQLITE_CANTOPEN]", "DATABASE_URL: sqlite:///" + missing,
                "Check that the folder of the SQLite file exists")
                .doesNotContain("\tat org.springframework");
        assertThat(missing.getParent()).doesNotExist();
    }
}
