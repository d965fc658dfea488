package io.tickettriage.system;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Says at start, in a few plain lines, how this instance is set up and where to go next. */
@Component
class StartupReport {

    private static final Logger log = LoggerFactory.getLogger("io.tickettriage");

    private final Environment environment;
    private final ObjectProvider<StartupNote> notes;

    StartupReport(Environment environment, ObjectProvider<StartupNote> notes) {
        this.environment = environment;
        this.notes = notes;
    }

    @EventListener
    void ready(ApplicationReadyEvent event) {
        String port = environment.getProperty("local.server.port");
        if (port == null) {
            return; // a command such as 'import' or 'token' serves nothing
        }
        log.info("Database: {}", DatabaseUrl.redact(environment.getProperty("spring.datasource.url", "?")));
        log.info("Routing engine: local (in-process embedding model, calibrated linear model and nearest examples; no network)");
        String redis = environment.getProperty("triage.service.redis-url", "");
        log.info("Role: {}; jobs and live events: {}", environment.getProperty("triage.service.role", "all"),
                redis.isBlank() ? "in-process" : "Redis at " + redis.replaceFirst("//[^@/]*@", "//"));
        notes.orderedStream().forEach(note -> log.info(note.text()));
        log.info("Ticket Triage is ready: API docs at http://localhost:{}/docs", port);
    }
}
