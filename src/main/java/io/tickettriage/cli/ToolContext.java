package io.tickettriage.cli;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The application without its web server, job workers or model training: what {@code token} and {@code import}
 * need to work on the service's database (the same {@code DATABASE_URL}) while the service may be running.
 */
final class ToolContext {

    private final Class<?> application;

    ToolContext(Class<?> application) {
        this.application = application;
    }

    /**
     * For commands that work on the knowledge base ({@code import}). Without the starter set, the starter examples
     * stored before are removed, as when the service runs with {@code TRIAGE_KNOWLEDGE_STARTER_SET=false}.
     */
    ConfigurableApplicationContext start(boolean starterSet, String... arguments) {
        return starterSet ? start(List.of(), arguments) : start(List.of("triage.knowledge.starter-set=false"), arguments);
    }

    /**
     * For commands that need no examples ({@code token}): the knowledge base is not loaded, so the command neither
     * waits for it nor changes the examples or the index the service uses.
     */
    ConfigurableApplicationContext startWithoutKnowledge(String... arguments) {
        return start(List.of("triage.knowledge.load=false"), arguments);
    }

    private ConfigurableApplicationContext start(List<String> extra, String... arguments) {
        // A command's output is its own lines: the service's start-up lines and "Started 0 triage worker(s)" would
        // only bury them. What the application says about the data (a key created, the knowledge base loaded) stays.
        List<String> properties = new ArrayList<>(List.of("triage.jobs.workers=0", "triage.knowledge.poll-interval=0",
                "triage.routing.train-models=false", "spring.main.log-startup-info=false",
                "logging.level.io.tickettriage.jobs=WARN"));
        properties.addAll(extra);
        return new SpringApplicationBuilder(application)
                .web(WebApplicationType.NONE)
                .properties(properties.toArray(String[]::new))
                .run(arguments);
    }
}
