package io.tickettriage;

import io.tickettriage.cli.Commands;
import io.tickettriage.system.AheadOfTimeStart;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class TriageApplication {

    /** The JVM's own setting for how many carrier threads run the request threads (virtual threads). */
    static final String CARRIER_THREADS = "jdk.virtualThreadScheduler.parallelism";

    public static void main(String[] args) {
        provideCarrierThreads(Runtime.getRuntime().availableProcessors());
        if (Commands.isCommand(args)) {
            System.exit(Commands.execute(TriageApplication.class, args, System.getenv(), System.out, System.err));
        }
        SpringApplication application = new SpringApplication(TriageApplication.class);
        AheadOfTimeStart.offerTo(application, TriageApplication.class);
        application.run(args);
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
}
