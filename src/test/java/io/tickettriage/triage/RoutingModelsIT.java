package io.tickettriage.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.tickettriage.TriageApplication;
import io.tickettriage.knowledge.EmbeddedExample;
import io.tickettriage.knowledge.KnowledgeBase;
import io.tickettriage.knowledge.StarterSet;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Where the routing model of a start comes from: a new database with the starter set gets the build's at once; a
 * model trained here outlives a restart, and the next start on the same examples uses it without training.
 */
class RoutingModelsIT {

    @Test
    void aNewDatabaseWithTheStarterSetRoutesWithTheBuildsModelAndStoresIt() {
        String database = "target/it-" + UUID.randomUUID() + ".db";
        Path stored = Path.of(database + "-index", ModelStore.FILE);

        try (ConfigurableApplicationContext context = SpringApplication.run(TriageApplication.class,
                args(database, "target/knowledge-" + UUID.randomUUID()))) {
            RoutingModels models = context.getBean(RoutingModels.class);
            await().atMost(Duration.ofSeconds(60)).until(() -> models.current() != null && Files.exists(stored));
            // The version carries the moment of training: the build's, not this start's.
            String shipped = StarterModel.load(ModelStore.Fingerprint.ofContent(context.getBean(KnowledgeBase.class)
                    .entries(), RoutingModels.MODEL, StarterSet.MODEL_ID, context.getBean(TriageProperties.class)))
                    .orElseThrow().version();
            assertThat(models.current().version()).isEqualTo(shipped);

            RoutingHealth health = context.getBean(RoutingHealth.class);
            assertThat(health.health().getStatus()).isEqualTo(Status.UP);
            assertThat(health.health().getDetails()).containsEntry("model", shipped).containsEntry("examples", 584)
                    .doesNotContainKey("last_failure");
        }
    }

    @Test
    void aFailedTrainingShowsInHealthAndThePreviousModelKeepsRouting() {
        String database = "target/it-" + UUID.randomUUID() + ".db";
        try (ConfigurableApplicationContext context = SpringApplication.run(TriageApplication.class,
                args(database, "target/knowledge-" + UUID.randomUUID()))) {
            RoutingModels models = context.getBean(RoutingModels.class);
            RoutingHealth health = context.getBean(RoutingHealth.class);
            await().atMost(Duration.ofSeconds(60)).until(() -> models.current() != null);
            String shipped = models.current().version();
            List<EmbeddedExample> entries = context.getBean(KnowledgeBase.class).entries();
            // a damaged vector (three numbers where the model has 384) fails the training of these examples
            List<EmbeddedExample> damaged = new ArrayList<>(entries);
            damaged.set(damaged.size() - 1, new EmbeddedExample(entries.getLast().example(), new float[3]));

            models.train(damaged);

            assertThat(health.health().getStatus()).isEqualTo(RoutingHealth.DEGRADED);
            assertThat(health.health().getDetails()).containsEntry("model", shipped).containsKey("failed_at");
            assertThat(health.health().getDetails().get("last_failure")).asString().startsWith("Training failed (")
                    .endsWith("; the previous model " + shipped + " keeps routing");
            assertThat(models.current().version()).isEqualTo(shipped);

            models.train(entries);

            assertThat(health.health().getStatus()).isEqualTo(Status.UP);
            assertThat(health.health().getDetails()).doesNotContainKey("last_failure");
            assertThat(models.current().version()).isNotEqualTo(shipped);
        }
    }

    @Test
    void aRestartWithUnchangedExamplesUsesTheStoredModelAtOnce() throws IOException {
        String database = "target/it-" + UUID.randomUUID() + ".db";
        Path knowledge = Files.createDirectories(Path.of("target/knowledge-" + UUID.randomUUID()));
        // A team of the user's own: the starter set's model from the build does not fit, so this start trains.
        Files.writeString(knowledge.resolve("facilities.json"), """
                [{"title": "Heating off in building B", "description": "Radiators cold since Monday", "team": "Facilities Team"},
                 {"title": "Broken chair in room 204", "description": "The chair's wheel came off", "team": "Facilities Team"},
                 {"title": "Light flickers in the kitchen", "description": "Tube light above the sink", "team": "Facilities Team"},
                 {"title": "Door to the garage sticks", "description": "Needs a strong push to open", "team": "Facilities Team"},
                 {"title": "Water leak under the stairs", "description": "A puddle every morning", "team": "Facilities Team"},
                 {"title": "Blinds stuck in meeting room A", "description": "Cannot lower them", "team": "Facilities Team"}]
                """);
        String[] args = args(database, knowledge.toString());
        Path stored = Path.of(database + "-index", ModelStore.FILE);

        String trained;
        try (ConfigurableApplicationContext first = SpringApplication.run(TriageApplication.class, args)) {
            RoutingModels models = first.getBean(RoutingModels.class);
            await().atMost(Duration.ofSeconds(120)).until(() -> models.current() != null && Files.exists(stored));
            trained = models.current().version();
            assertThat(models.current().teams().labels()).contains("Facilities Team");
        }

        try (ConfigurableApplicationContext second = SpringApplication.run(TriageApplication.class, args)) {
            RoutingModels models = second.getBean(RoutingModels.class);
            await().atMost(Duration.ofSeconds(60)).until(() -> models.current() != null);
            // The version carries the moment of training, so the same version is the same, stored, model.
            assertThat(models.current().version()).isEqualTo(trained);
        }
    }

    private static String[] args(String database, String knowledge) {
        return new String[] {"--triage.auth=none", "--DATABASE_URL=sqlite:///" + database,
            "--triage.knowledge.dir=" + knowledge, "--triage.jobs.workers=0", "--server.port=0"};
    }
}
