package io.tickettriage.triage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.tickettriage.knowledge.EmbeddedExample;
import io.tickettriage.knowledge.Example;
import io.tickettriage.knowledge.StarterSet;
import io.tickettriage.triage.ModelStore.Fingerprint;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * The build's routing model for the starter set (execution {@code starter-model}): found for the starter set as any
 * new database holds it, whatever ids and order it got, and for nothing else.
 */
class StarterModelTests {

    private static final Path STARTER = Path.of("target/classes/knowledge/starter");

    @Test
    void theBuildsModelIsFoundForTheStarterSetWhateverItsIdsAndOrder() throws IOException {
        List<EmbeddedExample> shuffled = renumbered(StarterSet.read(STARTER), 1000);
        Collections.shuffle(shuffled, new Random(7));

        RoutingModels.Trained model = StarterModel.load(fingerprint(shuffled, defaults())).orElseThrow();

        assertThat(model.examples()).isEqualTo(shuffled.size());
        assertThat(model.version()).startsWith(RoutingModels.MODEL + "+" + StarterSet.MODEL_ID + "@" + shuffled.size());
        assertThat(model.teams().labels()).contains("Hardware Team", "Network Team", "Security Team");
    }

    @Test
    void anyOtherKnowledgeOrSettingMissesIt() throws IOException {
        List<EmbeddedExample> starter = StarterSet.read(STARTER);
        List<EmbeddedExample> relabelled = new ArrayList<>(starter);
        Example first = starter.getFirst().example();
        relabelled.set(0, new EmbeddedExample(new Example(first.id(), "Facilities Team", first.title(),
                first.description(), first.priority(), first.level(), "starter"), starter.getFirst().vector()));
        TriageProperties stricter = new Binder(new MapConfigurationPropertySource(
                Map.of("triage.routing.target-precision", "0.95"))).bindOrCreate("triage.routing", TriageProperties.class);

        assertThat(StarterModel.load(fingerprint(starter, defaults()))).isPresent();
        assertThat(StarterModel.load(fingerprint(relabelled, defaults()))).as("a relabelled example").isEmpty();
        assertThat(StarterModel.load(fingerprint(starter.subList(1, starter.size()), defaults())))
                .as("one example fewer").isEmpty();
        assertThat(StarterModel.load(fingerprint(starter, stricter))).as("another target precision").isEmpty();
        assertThat(StarterModel.load(Fingerprint.ofContent(starter, RoutingModels.MODEL, "onnx-model-0123abcd",
                defaults()))).as("another embedding model").isEmpty();
    }

    @Test
    void theContentFingerprintIgnoresIdsButNotLabelsAndTheIdFingerprintTheOpposite() throws IOException {
        List<EmbeddedExample> starter = StarterSet.read(STARTER);
        List<EmbeddedExample> renumbered = renumbered(starter, 5);

        assertThat(fingerprint(renumbered, defaults())).isEqualTo(fingerprint(starter, defaults()));
        assertThat(Fingerprint.of(renumbered, RoutingModels.MODEL, StarterSet.MODEL_ID, defaults()))
                .isNotEqualTo(Fingerprint.of(starter, RoutingModels.MODEL, StarterSet.MODEL_ID, defaults()));
        assertThat(fingerprint(starter, defaults()))
                .isNotEqualTo(Fingerprint.of(starter, RoutingModels.MODEL, StarterSet.MODEL_ID, defaults()));
    }

    private static Fingerprint fingerprint(List<EmbeddedExample> examples, TriageProperties properties) {
        return Fingerprint.ofContent(examples, RoutingModels.MODEL, StarterSet.MODEL_ID, properties);
    }

    private static TriageProperties defaults() {
        return new Binder(new MapConfigurationPropertySource(Map.of())).bindOrCreate("triage.routing",
                TriageProperties.class);
    }

    private static List<EmbeddedExample> renumbered(List<EmbeddedExample> examples, long offset) {
        List<EmbeddedExample> renumbered = new ArrayList<>();
        for (EmbeddedExample entry : examples) {
            Example e = entry.example();
            renumbered.add(new EmbeddedExample(new Example(e.id() + offset, e.team(), e.title(), e.description(),
                    e.priority(), e.level(), e.source()), entry.vector()));
        }
        return renumbered;
    }
}
