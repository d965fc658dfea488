package io.tickettriage.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.InvalidClassException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import io.tickettriage.knowledge.Example;
import io.tickettriage.knowledge.EmbeddedExample;
import io.tickettriage.ticket.Priority;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelStoreTests {

    private static final LinearRouter.Settings SETTINGS = new LinearRouter.Settings(5, 0.9, 5, 1.0, 0.5, 2);
    private static final TriageProperties PROPERTIES = new TriageProperties(0.6, 0.3, 7, 5, 0.9,
            Duration.ofMinutes(1), true);
    private static final List<String> TEXTS = List.of("the printer on floor two is jammed again",
            "vpn tunnel drops wifi", "excel crash after the update", "something nobody has written before");

    @TempDir
    Path dir;

    @Test
    void loadedModelsDecideExactlyAsTheTrainedOnes() throws Exception {
        List<EmbeddedExample> entries = entries();
        RoutingModels.Trained trained = train(entries);
        ModelStore store = new ModelStore(dir.resolve("index").resolve(ModelStore.FILE));

        store.save(fingerprint(entries), trained);
        RoutingModels.Trained loaded = store.load(fingerprint(entries)).orElseThrow();

        assertThat(loaded.version()).isEqualTo(trained.version());
        assertThat(loaded.examples()).isEqualTo(trained.examples());
        assertThat(loaded.levels()).isNull();
        assertThat(loaded.teams().labels()).isEqualTo(trained.teams().labels());
        assertThat(loaded.teams().crossValidation()).isEqualTo(trained.teams().crossValidation());
        for (int label = 0; label < trained.teams().labels().size(); label++) {
            assertThat(loaded.teams().threshold(label)).isEqualTo(trained.teams().threshold(label));
        }
        for (String text : TEXTS) {
            float[] vector = vector(text);
            assertThat(loaded.teams().probabilities(text, vector)).isEqualTo(trained.teams().probabilities(text, vector));
            assertThat(loaded.priorities().probabilities(text, vector))
                    .isEqualTo(trained.priorities().probabilities(text, vector));
        }
        try (Stream<Path> files = Files.list(store.file().getParent())) {
            assertThat(files).containsExactly(store.file());
        }
    }

    @Test
    void aStoredVoteBlendsAsTheTrainedOne() throws Exception {
        List<LinearRouter.Sample> samples = LinearRouterTests.xorHistory();
        LinearRouter teams = LinearRouter.train(samples, SETTINGS, message -> { });
        assertThat(teams.vote()).as("the history needs the vote").isNotNull();
        List<EmbeddedExample> entries = entries();
        ModelStore store = new ModelStore(dir.resolve(ModelStore.FILE));

        store.save(fingerprint(entries), new RoutingModels.Trained(teams, null, null, "v", samples.size()));
        LinearRouter loaded = store.load(fingerprint(entries)).orElseThrow().teams();

        assertThat(loaded.vote()).isEqualTo(teams.vote());
        List<NeighbourVote.Neighbour> nearest = List.of(new NeighbourVote.Neighbour(0, 0.9),
                new NeighbourVote.Neighbour(1, 0.7));
        float[] ticket = {-0.9f, 0.1f, 0.1f};
        assertThat(loaded.probabilities("same words", ticket, nearest))
                .containsExactly(teams.probabilities("same words", ticket, nearest));
    }

    @Test
    void modelsTrainedOnOtherExamplesOrSettingsAreNotUsed() throws Exception {
        List<EmbeddedExample> entries = entries();
        ModelStore store = new ModelStore(dir.resolve(ModelStore.FILE));
        store.save(fingerprint(entries), train(entries));

        List<EmbeddedExample> relabelled = new ArrayList<>(entries);
        Example first = relabelled.getFirst().example();
        relabelled.set(0, new EmbeddedExample(new Example(first.id(), "Network", first.title(), first.description(),
                first.priority(), first.level(), first.source()), relabelled.getFirst().vector()));
        List<EmbeddedExample> shuffled = new ArrayList<>(entries);
        Collections.shuffle(shuffled, new Random(5));
        TriageProperties stricter = new TriageProperties(0.6, 0.3, 7, 5, 0.95, Duration.ofMinutes(1), true);

        assertThat(store.load(fingerprint(relabelled))).isEmpty();
        assertThat(store.load(fingerprint(entries.subList(1, entries.size())))).isEmpty();
        assertThat(store.load(ModelStore.Fingerprint.of(entries, RoutingModels.MODEL, "another-model", PROPERTIES)))
                .isEmpty();
        assertThat(store.load(ModelStore.Fingerprint.of(entries, RoutingModels.MODEL, "test-model", stricter)))
                .isEmpty();
        assertThat(store.load(ModelStore.Fingerprint.of(entries, "linear-svm-v0", "test-model", PROPERTIES)))
                .isEmpty();
        assertThat(store.load(fingerprint(shuffled))).isPresent();
    }

    @Test
    void aDamagedOrMissingFileIsIgnored() throws Exception {
        List<EmbeddedExample> entries = entries();
        ModelStore store = new ModelStore(dir.resolve(ModelStore.FILE));
        assertThat(store.load(fingerprint(entries))).isEmpty();

        store.save(fingerprint(entries), train(entries));
        byte[] bytes = Files.readAllBytes(store.file());
        Files.write(store.file(), Arrays.copyOf(bytes, bytes.length / 2));
        assertThat(store.load(fingerprint(entries))).isEmpty();

        Files.writeString(store.file(), "not a model");
        assertThat(store.load(fingerprint(entries))).isEmpty();
    }

    @Test
    void aFileHoldingAnyOtherClassIsRejectedBeforeItIsBuilt() throws Exception {
        List<EmbeddedExample> entries = entries();
        ModelStore store = new ModelStore(dir.resolve(ModelStore.FILE));
        try (OutputStream file = Files.newOutputStream(store.file());
                ObjectOutputStream out = new ObjectOutputStream(file)) {
            out.writeUTF(ModelStore.FORMAT);
            out.writeObject(fingerprint(entries));
            out.writeObject(new ArrayList<>(List.of("not", "a", "model")));
        }

        assertThatThrownBy(() -> store.read(fingerprint(entries))).isInstanceOf(InvalidClassException.class)
                .hasMessageContaining("REJECTED");
        assertThat(store.load(fingerprint(entries))).isEmpty();
    }

    /**
     * A file written before (src/test/resources/triage/stored-routing-model.bin: teams and priorities trained on the
     * history of {@link LinearRouterTests} plus German rows, with vectors for English only, so that both
     * calibrations are stored) still loads, and routes as it did when it was written. When the stored format
     * changes on purpose, {@link ModelStore#FORMAT} changes with it and every stored model is trained again: write
     * a new file with {@link ModelStore#save} and record its probabilities beside it.
     */
    @Test
    void aModelStoredByAnEarlierBuildStillLoadsAndRoutesAsItDidThen() throws Exception {
        ModelStore.Fingerprint fingerprint = new ModelStore.Fingerprint("linear-svm-v3", "test-model", 0.9, 5, 102,
                "6a93839829a97e7001abe922ff2c2876d04817a5be62de3faa84ef999de4d866");
        Path stored = Path.of("src/test/resources/triage/stored-routing-model.bin");

        RoutingModels.Trained loaded = new ModelStore(stored).read(fingerprint);

        assertThat(loaded).isNotNull();
        assertThat(loaded.teams().labels()).containsExactly("Hardware", "Network", "Software");
        assertThat(loaded.teams().usesEmbeddings()).isTrue();
        List<String> expected = Files.readAllLines(Path.of("src/test/resources/triage/stored-routing-model.expected"))
                .stream().filter(line -> !line.startsWith("#")).toList();
        assertThat(expected).hasSize(6);
        for (String line : expected) {
            String[] fields = line.split("\t");
            float[] vector = vector(fields[0]);
            assertThat(loaded.teams().probabilities(fields[0], vector)).as(fields[0])
                    .containsExactly(numbers(fields[1]), within(1e-9));
            assertThat(loaded.priorities().probabilities(fields[0], vector)).as(fields[0])
                    .containsExactly(numbers(fields[2]), within(1e-9));
        }
    }

    private static double[] numbers(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).mapToDouble(Double::parseDouble).toArray();
    }

    private static RoutingModels.Trained train(List<EmbeddedExample> entries) {
        List<LinearRouter.Sample> teams = new ArrayList<>();
        List<LinearRouter.Sample> priorities = new ArrayList<>();
        for (EmbeddedExample entry : entries) {
            String text = entry.example().title();
            teams.add(new LinearRouter.Sample(text, entry.vector(), entry.example().team()));
            priorities.add(new LinearRouter.Sample(text, entry.vector(), entry.example().priority().name()));
        }
        return new RoutingModels.Trained(LinearRouter.train(teams, SETTINGS, message -> { }),
                LinearRouter.train(priorities, SETTINGS, message -> { }), null,
                RoutingModels.MODEL + "+test-model@" + entries.size(), entries.size());
    }

    private static ModelStore.Fingerprint fingerprint(List<EmbeddedExample> entries) {
        return ModelStore.Fingerprint.of(entries, RoutingModels.MODEL, "test-model", PROPERTIES);
    }

    /** The synthetic history of the router's own tests, as stored examples with a made-up three-number vector. */
    private static List<EmbeddedExample> entries() {
        List<EmbeddedExample> entries = new ArrayList<>();
        long id = 1;
        for (LinearRouter.Sample sample : LinearRouterTests.history()) {
            Priority priority = sample.text().contains("broken") || sample.text().contains("crash") ? Priority.HIGH
                    : Priority.LOW;
            entries.add(new EmbeddedExample(new Example(id++, sample.label(), sample.text(), "", priority, null, "test"),
                    vector(sample.text())));
        }
        return entries;
    }

    private static float[] vector(String text) {
        Random random = new Random(text.hashCode());
        return new float[] {random.nextFloat(), random.nextFloat(), text.length() / 100f};
    }
}
