package io.tickettriage.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import tools.jackson.databind.json.JsonMapper;

/**
 * The starter set's vectors made by the build: one for every starter example, each the vector the shipped model
 * gives that text, and none for another model.
 */
class StarterVectorsIT {

    private final EmbeddingModel shipped = new MiniLmEmbeddingModel(false);

    @Test
    void holdsTheShippedModelsVectorForEveryStarterExample() throws IOException {
        Map<String, float[]> vectors = StarterVectors.load(shipped.id());
        List<String> texts = starterTexts();

        assertThat(texts).hasSizeGreaterThan(500);
        assertThat(vectors.keySet()).containsAll(texts);
        for (String text : List.of(texts.getFirst(), texts.get(texts.size() / 2), texts.getLast())) {
            assertThat(dot(vectors.get(text), shipped.embed(text))).as(text).isCloseTo(1.0, within(1e-5));
        }
    }

    @Test
    void holdsNothingForAnotherModel() {
        assertThat(StarterVectors.load("onnx-model-0123abcd")).isEmpty();
    }

    @Test
    void theServicesModelAnswersStarterTextsFromTheFileAndEmbedsTheRest() {
        KnownVectors model = new KnownVectors(shipped, StarterVectors.load(shipped.id()));
        String starter = starterTextsUnchecked().getFirst();
        String unknown = "The badge reader at the loading dock beeps red for every badge since Monday";

        assertThat(model.size()).isGreaterThan(500);
        assertThat(model.id()).isEqualTo(shipped.id());
        assertThat(dot(model.embed(starter), shipped.embed(starter))).isCloseTo(1.0, within(1e-5));
        assertThat(dot(model.embed(unknown), shipped.embed(unknown))).isCloseTo(1.0, within(1e-6));
        model.embed(starter)[0] = 42f;
        assertThat(model.embed(starter)[0]).as("callers get a copy").isNotEqualTo(42f);
    }

    private static List<String> starterTextsUnchecked() {
        try {
            return starterTexts();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> starterTexts() throws IOException {
        KnowledgeFiles files = new KnowledgeFiles(JsonMapper.builder().build());
        List<String> texts = new ArrayList<>();
        for (Resource resource : new PathMatchingResourcePatternResolver()
                .getResources("classpath*:knowledge/starter/*.json")) {
            try (InputStream in = resource.getInputStream()) {
                files.read(in, resource.getFilename(), "starter")
                        .forEach(text -> texts.add(TicketText.of(text.title(), text.description())));
            }
        }
        return texts;
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
