package io.tickettriage;

import java.util.List;
import java.util.Map;

import io.tickettriage.access.AccessProperties;
import io.tickettriage.access.AccessTokens;
import io.tickettriage.access.TokenCommand;
import io.tickettriage.knowledge.ImportCommand;
import io.tickettriage.knowledge.KnowledgeBase;
import io.tickettriage.triage.EvaluateCommand;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

@SpringBootApplication
@ConfigurationPropertiesScan
public class TriageApplication {

    public static void main(String[] args) throws InterruptedException {
        String command = args.length > 0 ? args[0] : "";
        List<String> rest = args.length > 0 ? List.of(args).subList(1, args.length) : List.of();
        switch (command) {
            case "eval" -> System.exit(EvaluateCommand.run(rest, System.out));
            case "import" -> System.exit(importHistory(rest));
            case "token" -> System.exit(manageTokens(rest));
            default -> SpringApplication.run(TriageApplication.class, args);
        }
    }

    /** Runs against the product's database without a web server, workers or model training. */
    static int importHistory(List<String> args) throws InterruptedException {
        Map<String, String> options;
        try {
            options = ImportCommand.parse(args);
        } catch (IllegalArgumentException e) {
            System.out.println(e.getMessage());
            System.out.print(ImportCommand.USAGE);
            return 2;
        }
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(TriageApplication.class)
                .web(WebApplicationType.NONE)
                .properties("triage.jobs.workers=0", "triage.knowledge.poll-interval=0", "triage.train-models=false")
                .run()) {
            return ImportCommand.run(options, context.getBean(KnowledgeBase.class), System.out);
        }
    }

    /** Manages API tokens in the service's database; nothing but the database is started. */
    static int manageTokens(List<String> args) {
        TokenCommand.Request request;
        try {
            request = TokenCommand.parse(args);
        } catch (IllegalArgumentException e) {
            System.out.println(e.getMessage());
            System.out.print(TokenCommand.USAGE);
            return 2;
        }
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(TriageApplication.class)
                .web(WebApplicationType.NONE)
                .properties("triage.jobs.workers=0", "triage.knowledge.poll-interval=0", "triage.train-models=false",
                        "triage.knowledge.starter-set=false", "logging.level.root=WARN")
                .run()) {
            return TokenCommand.run(request, context.getBean(AccessTokens.class),
                    context.getBean(AccessProperties.class),
                    context.getEnvironment().getProperty("server.port", "8000"), System.out);
        }
    }
}
