package io.tickettriage.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import io.tickettriage.support.TestDatabases;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.json.JsonMapper;

/** The knowledge base with the real model: vectors are computed once, stored, and read back at every start. */
class KnowledgeBaseIT {

    private static final EmbeddingModel model = new MiniLmEmbeddingModel();

    @TempDir
    Path dir;

    DataSource database;

    @BeforeEach
    void emptyDatabase() {
        database = TestDatabases.sqlite(dir.resolve("knowledge.db"));
    }

    @Test
    void embedsTheStarterSetOnceAndNeverAgainOnLaterStarts() throws Exception {
        AtomicInteger embedded = new AtomicInteger();
        KnowledgeBase first = start(counting(embedded), dir.resolve("no-folder"));
        int examples = first.size();
        assertThat(examples).isGreaterThanOrEqualTo(5 * 40);
        assertThat(embedded.get()).isEqualTo(examples);
        for (String team : new String[] {"Hardware Team", "Software Team", "Network Team", "Security Team", "HR Team"}) {
            assertThat(first.examplesOf(team)).as(team).isGreaterThanOrEqualTo(40);
        }

        embedded.set(0);
        KnowledgeBase second = start(counting(embedded), dir.resolve("no-folder"));

        assertThat(second.size()).isEqualTo(examples);
        assertThat(embedded.get()).isZero();
    }

    @Test
    void addsTeamsFromTheKnowledgeFolderAndFindsTheirExamples() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("knowledge"));
        Files.writeString(folder.resolve("Facilities.json"), """
                [{"title": "Air conditioning broken in room 4.12", "description": "It is 30 degrees in here"},
                 {"title": "Broken office chair", "description": "The lever no longer adjusts the height"}]""");

        KnowledgeBase knowledge = start(model, folder);

        assertThat(knowledge.teams()).contains("Facilities Team", "Hardware Team");
        assertThat(knowledge.examplesOf("Facilities Team")).isEqualTo(2);
        var nearest = knowledge.nearest(knowledge.embed(TicketText.of("The air conditioning is not working", "")), 1);
        assertThat(nearest.getFirst().example().team()).isEqualTo("Facilities Team");
        assertThat(nearest.getFirst().similarity()).isBetween(0.5, 1.0);
    }

    @Test
    void skipsAnUnreadableFileAndKeepsTheRest() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("broken"));
        Files.writeString(folder.resolve("Broken.json"), "{ not json");

        KnowledgeBase knowledge = start(model, folder);

        assertThat(knowledge.teams()).doesNotContain("Broken Team").contains("Network Team");
    }

    private KnowledgeBase start(EmbeddingModel embeddings, Path folder) throws InterruptedException, IOException {
        KnowledgeBase knowledge = new KnowledgeBase(new ExampleStore(JdbcClient.create(database)),
                new KnowledgeFiles(JsonMapper.builder().build()), embeddings, new KnowledgeProperties(folder, true, java.time.Duration.ZERO),
                Clock.systemUTC());
        knowledge.start();
        assertThat(knowledge.awaitReady(Duration.ofSeconds(120))).isTrue();
        return knowledge;
    }

    private static EmbeddingModel counting(AtomicInteger calls) {
        return new EmbeddingModel() {
            @Override
            public String id() {
                return model.id();
            }

            @Override
            public float[] embed(String text) {
                calls.incrementAndGet();
                return model.embed(text);
            }
        };
    }
}
