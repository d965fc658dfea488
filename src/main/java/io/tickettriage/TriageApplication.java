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

    /** The JVM's own setting for how many carrier threads run the request threads (virtual threads). */
    static final String CARRIER_THREADS = "jdk.virtualThreadScheduler.parallelism";

    public static void main(String[] args) throws InterruptedException {
        provideCarrierThreads(Runtime.getRuntime().availableProcessors());
        String command = args.length > 0 ? args[0] : "";
        List<String> rest = args.length > 0 ? List.of(args).subList(1, args.length) : List.of();
        switch (command) {
            case "eval" -> System.exit(EvaluateCommand.run(rest, System.out));
            case "import" -> System.exit(importHistory(rest));
            case "token" -> System.exit(manageTokens(rest));
            default -> SpringApplication.run(TriageApplication.class, args);
        }
    }

    /**
     * Requests run on virtual threads, which the JVM runs on one carrier thread per core by default. A virtual thread
     * inside a native call, as SQLite's driver makes for every statement and commit, holds its carrier: on a 2-core
     * machine two such calls left no carrier for any other request, and at 2,000 tickets/s intake latency's p90 was
     * 139 ms over 30 s; with 8 carriers it was 43 ms (p99 341 to 140 ms, bench/README.md). A value set with
     * {@code -Djdk.virtualThreadScheduler.parallelism} is kept. Must run before the first virtual thread starts.
     */
    static void provideCarrierThreads(int cores) {
        if (System.getProperty(CARRIER_THREADS) == null) {
            System.setProperty(CARRIER_THREADS, String.valueOf(carrierThreads(cores)));
        }
    }

    static int carrierThreads(int cores) {
        return Math.max(8, 2 * cores);
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
                        "triage.knowledge.starter-set=false")
                // an argument, not a default property: application.yml's level would win over a default
                .run("--logging.level.root=WARN")) {
            return TokenCommand.run(request, context.getBean(AccessTokens.class),
                    context.getBean(AccessProperties.class),
                    context.getEnvironment().getProperty("server.port", "8000"), System.out);
        }
    }
}
