package io.tickettriage.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
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
    void embedsEveryExampleAgainOnceWhenTheEmbeddingModelChanges() throws Exception {
        KnowledgeBase first = start(fake("model-a", new AtomicInteger()), dir.resolve("no-folder"));
        first.learnFromTicket(8, "Facilities Team", "The lift is stuck between floors", "", null, null);
        int examples = first.size();
        first.stop();

        AtomicInteger embedded = new AtomicInteger();
        KnowledgeBase second = start(fake("model-b", embedded), dir.resolve("no-folder"));

        assertThat(second.size()).isEqualTo(examples);
        assertThat(embedded.get()).isEqualTo(examples);
        assertThat(second.examplesOf("Facilities Team")).isEqualTo(1);
        second.stop();
        embedded.set(0);
        KnowledgeBase third = start(fake("model-b", embedded), dir.resolve("no-folder"));
        assertThat(third.size()).isEqualTo(examples);
        assertThat(embedded.get()).isZero();
        third.stop();
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

    @Test
    void searchesAPersistentSimilarityGraphThatFollowsTheExamplesTableAcrossRestarts() throws Exception {
        KnowledgeProperties.Index graph = new KnowledgeProperties.Index(0, dir.resolve("index"), 16, 100, 100, true);
        KnowledgeProperties.Index scanOnly = new KnowledgeProperties.Index(Integer.MAX_VALUE, dir.resolve("unused"),
                16, 100, 100, true);
        KnowledgeBase indexed = start(model, dir.resolve("no-folder"), graph);
        await().atMost(Duration.ofSeconds(60)).until(() -> indexed.graphChangesAtOpen() >= 0);
        assertThat(indexed.graphChangesAtOpen()).isEqualTo(indexed.size());
        KnowledgeBase scanned = start(model, dir.resolve("no-folder"), scanOnly);

        float[] query = indexed.embed(TicketText.of("VPN keeps disconnecting", "Since this morning, on the office wifi"));
        assertThat(ids(indexed.nearest(query, 7))).isEqualTo(ids(scanned.nearest(query, 7)));
        assertThat(indexed.nearest(query, 7).getFirst().similarity())
                .isEqualTo(scanned.nearest(query, 7).getFirst().similarity());

        String title = "Printer on floor 9 prints only blank pages";
        indexed.learnFromTicket(42, "Hardware Team", title, "", null, null);
        float[] learnt = indexed.embed(TicketText.of(title, ""));
        assertThat(indexed.nearest(learnt, 1).getFirst().example().ticketId()).isEqualTo(42L);
        indexed.learnFromTicket(42, "Facilities Team", title, "", null, null);
        assertThat(indexed.nearest(learnt, 1).getFirst().example().team()).isEqualTo("Facilities Team");
        indexed.stop();

        // A change made while the graph is closed is caught up at the next start, and nothing else is redone.
        scanned.forgetTicket(42);
        KnowledgeBase restarted = start(model, dir.resolve("no-folder"), graph);
        await().atMost(Duration.ofSeconds(60)).until(() -> restarted.graphChangesAtOpen() >= 0);
        assertThat(restarted.graphChangesAtOpen()).isEqualTo(1);
        assertThat(restarted.nearest(learnt, 7)).noneMatch(n -> n.example().ticketId() != null);
        restarted.stop();
        scanned.stop();
    }

    @Test
    void catchesUpWithExamplesAnotherProcessStoresRelabelsAndRemoves() throws Exception {
        KnowledgeBase one = start(model, dir.resolve("no-folder"));
        KnowledgeBase other = start(model, dir.resolve("no-folder"));
        int size = other.size();
        String title = "Lobby badge printer prints blank visitor cards";
        float[] query = other.embed(TicketText.of(title, ""));

        one.learnFromTicket(7, "Hardware Team", title, "", null, null);
        other.refresh();
        assertThat(other.size()).isEqualTo(size + 1);
        assertThat(other.nearest(query, 1).getFirst().example().ticketId()).isEqualTo(7L);

        one.learnFromTicket(7, "Security Team", title, "", null, null);
        other.refresh();
        assertThat(other.size()).isEqualTo(size + 1);
        assertThat(other.nearest(query, 1).getFirst().example().team()).isEqualTo("Security Team");

        one.forgetTicket(7);
        other.refresh();
        assertThat(other.size()).isEqualTo(size);
        assertThat(other.nearest(query, 7)).noneMatch(n -> n.example().ticketId() != null);

        // A removal without its note (an id committed out of order looks the same) is found by counting.
        one.learnFromTicket(8, "Hardware Team", title, "", null, null);
        other.refresh();
        JdbcClient.create(database).sql("DELETE FROM examples WHERE ticket_id = 8").update();
        other.refresh();
        assertThat(other.size()).isEqualTo(size);
        one.stop();
        other.stop();
    }

    private static List<Long> ids(List<KnowledgeBase.Neighbour> neighbours) {
        return neighbours.stream().map(n -> n.example().id()).toList();
    }

    private KnowledgeBase start(EmbeddingModel embeddings, Path folder) throws InterruptedException, IOException {
        return start(embeddings, folder, KnowledgeProperties.Index.DEFAULTS);
    }

    private KnowledgeBase start(EmbeddingModel embeddings, Path folder, KnowledgeProperties.Index index)
            throws InterruptedException, IOException {
        KnowledgeBase knowledge = new KnowledgeBase(new ExampleStore(JdbcClient.create(database)),
                new KnowledgeFiles(JsonMapper.builder().build()), embeddings,
                new KnowledgeProperties(folder, true, Duration.ZERO, index, KnowledgeProperties.Embedding.SHIPPED, true), Clock.systemUTC(), "");
        knowledge.start();
        assertThat(knowledge.awaitReady(Duration.ofSeconds(120))).isTrue();
        return knowledge;
    }

    /** A model named {@code id} that embeds quickly and counts its calls: what changes is its name. */
    private static EmbeddingModel fake(String id, AtomicInteger calls) {
        return new EmbeddingModel() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public float[] embed(String text) {
                calls.incrementAndGet();
                java.util.Random random = new java.util.Random(text.hashCode());
                float[] vector = new float[16];
                double norm = 0;
                for (int i = 0; i < vector.length; i++) {
                    vector[i] = (float) random.nextGaussian();
                    norm += vector[i] * vector[i];
                }
                for (int i = 0; i < vector.length; i++) {
                    vector[i] /= (float) Math.sqrt(norm);
                }
                return vector;
            }
        };
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
