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

    ConfigurableApplicationContext start(boolean starterSet, String... arguments) {
        List<String> properties = new ArrayList<>(List.of("triage.jobs.workers=0", "triage.knowledge.poll-interval=0",
                "triage.routing.train-models=false"));
        if (!starterSet) {
            properties.add("triage.knowledge.starter-set=false");
        }
        return new SpringApplicationBuilder(application)
                .web(WebApplicationType.NONE)
                .properties(properties.toArray(String[]::new))
                .run(arguments);
    }
}
