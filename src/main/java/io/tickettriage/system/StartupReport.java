package io.tickettriage.system;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Says at start, in a few plain lines, how this instance is set up and where to go next. */
@Component
class StartupReport {

    private static final Logger log = LoggerFactory.getLogger("io.tickettriage");

    private final Environment environment;

    StartupReport(Environment environment) {
        this.environment = environment;
    }

    @EventListener
    void ready(ApplicationReadyEvent event) {
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8000"));
        log.info("Database: {}", DatabaseUrl.redact(environment.getProperty("spring.datasource.url", "?")));
        log.info("Routing engine: local (in-process embedding model and nearest-neighbour vote; no network)");
        if (environment.containsProperty("REDIS_URL")) {
            log.warn("REDIS_URL is set, but this version has no scale-out mode yet: jobs and events stay in-process");
        }
        if (environment.containsProperty("OPENAI_API_KEY")) {
            log.warn("OPENAI_API_KEY is set, but this version has no LLM stage yet: the local engine decides alone");
        }
        log.info("Ticket Triage is ready: API docs at http://localhost:{}/docs", port);
    }
}
