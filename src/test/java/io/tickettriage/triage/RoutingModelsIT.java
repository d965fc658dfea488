package io.tickettriage.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import io.tickettriage.TriageApplication;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/** The trained routing model outlives a restart: the next start on the same examples uses it without training. */
class RoutingModelsIT {

    @Test
    void aRestartWithUnchangedExamplesUsesTheStoredModelAtOnce() {
        String database = "target/it-" + UUID.randomUUID() + ".db";
        String[] args = {"--triage.auth=none", "--DATABASE_URL=sqlite:///" + database,
            "--triage.knowledge.dir=target/knowledge-" + UUID.randomUUID(), "--triage.jobs.workers=0",
            "--server.port=0"};
        Path stored = Path.of(database + "-index", ModelStore.FILE);

        String trained;
        try (ConfigurableApplicationContext first = SpringApplication.run(TriageApplication.class, args)) {
            RoutingModels models = first.getBean(RoutingModels.class);
            await().atMost(Duration.ofSeconds(120)).until(() -> models.current() != null && Files.exists(stored));
            trained = models.current().version();
        }

        try (ConfigurableApplicationContext second = SpringApplication.run(TriageApplication.class, args)) {
            RoutingModels models = second.getBean(RoutingModels.class);
            await().atMost(Duration.ofSeconds(60)).until(() -> models.current() != null);
            // The version carries the moment of training, so the same version is the same, stored, model.
            assertThat(models.current().version()).isEqualTo(trained);
        }
    }
}
