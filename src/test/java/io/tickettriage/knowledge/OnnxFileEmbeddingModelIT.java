package io.tickettriage.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An operator's model ({@code TRIAGE_EMBEDDING_MODEL}), tried with the shipped English model written out to files:
 * loaded from a file, it must embed exactly as the shipped one does.
 */
class OnnxFileEmbeddingModelIT {

    @TempDir
    static Path dir;

    static Path model;

    @BeforeAll
    static void extractTheShippedModel() throws IOException {
        model = dir.resolve("model.onnx");
        copy(MiniLmEmbeddingModel.MODEL, model);
        copy(MiniLmEmbeddingModel.TOKENIZER, dir.resolve("tokenizer.json"));
    }

    @Test
    void embedsAsTheShippedModelDoesWhenGivenItsFiles() {
        EmbeddingModel fromFile = new OnnxFileEmbeddingModel(model, null, EmbeddingPooling.MEAN, false);
        EmbeddingModel shipped = new MiniLmEmbeddingModel(false);

        for (String text : new String[] {"Mein Drucker druckt nicht mehr", "VPN drops every 5 minutes"}) {
            float[] a = fromFile.embed(text);
            float[] b = shipped.embed(text);
            assertThat(a).hasSize(384);
            assertThat(dot(a, b)).isCloseTo(1.0, within(1e-4));
        }
        assertThat(fromFile.languages()).as("taken to read every language").isEmpty();
        assertThat(fromFile.id()).startsWith("onnx-model-").isNotEqualTo(shipped.id());
    }

    @Test
    void poolsTheFirstTokensOutputWhenToldSoUnderAnIdOfItsOwn() {
        EmbeddingModel mean = new OnnxFileEmbeddingModel(model, null, EmbeddingPooling.MEAN, false);
        EmbeddingModel cls = new OnnxFileEmbeddingModel(model, null, EmbeddingPooling.CLS, false);

        String text = "VPN drops every 5 minutes";
        float[] first = cls.embed(text);
        assertThat(first).hasSize(384);
        assertThat(dot(first, first)).as("unit length").isCloseTo(1.0, within(1e-4));
        // MiniLM is trained for the mean: its [CLS] output is another vector, whatever the text
        assertThat(dot(first, mean.embed(text))).isLessThan(0.95);
        assertThat(dot(first, cls.embed(text))).isCloseTo(1.0, within(1e-6));
        assertThat(cls.id()).isEqualTo(mean.id() + "-cls");
    }

    @Test
    void isNamedByTheFilesContentSoAnotherVersionIsAnotherModel() throws IOException {
        Path copy = Files.copy(model, dir.resolve("copy.onnx"));
        Path changed = Files.copy(model, dir.resolve("changed.onnx"));
        try (RandomAccessFile file = new RandomAccessFile(changed.toFile(), "rw")) {
            file.seek(file.length() - 1);
            int last = file.read();
            file.seek(file.length() - 1);
            file.write(last ^ 1);
        }

        assertThat(OnnxFileEmbeddingModel.identity(model)).isEqualTo(OnnxFileEmbeddingModel.identity(model));
        assertThat(OnnxFileEmbeddingModel.identity(copy)).isNotEqualTo(OnnxFileEmbeddingModel.identity(model))
                .as("the name is part of it").startsWith("onnx-copy-");
        assertThat(OnnxFileEmbeddingModel.identity(changed).substring("onnx-changed-".length()))
                .isNotEqualTo(OnnxFileEmbeddingModel.identity(model).substring("onnx-model-".length()));
    }

    @Test
    void isWhatTheCommandsUseWhenTheEnvironmentNamesIt() {
        EmbeddingModel local = EmbeddingModel.local(Map.of("TRIAGE_EMBEDDING_MODEL", model.toString(),
                "TRIAGE_EMBEDDING_TOKENIZER", dir.resolve("tokenizer.json").toString()));

        assertThat(local).isInstanceOf(OnnxFileEmbeddingModel.class);
        assertThat(EmbeddingModel.local(Map.of())).isInstanceOf(MiniLmEmbeddingModel.class);
        assertThat(EmbeddingModel.local(Map.of("TRIAGE_EMBEDDING_MODEL", model.toString(),
                "TRIAGE_EMBEDDING_POOLING", "cls")).id()).isEqualTo(local.id() + "-cls");
        assertThatThrownBy(() -> EmbeddingModel.local(Map.of("TRIAGE_EMBEDDING_MODEL", model.toString(),
                "TRIAGE_EMBEDDING_POOLING", "max"))).hasMessageContaining("TRIAGE_EMBEDDING_POOLING");
        assertThatThrownBy(() -> EmbeddingModel.local(Map.of("TRIAGE_EMBEDDING_POOLING", "max")))
                .as("checked with the shipped model too").hasMessageContaining("'max' is not a pooling");
    }

    @Test
    void saysWhichFileIsMissing() {
        assertThatThrownBy(() -> new OnnxFileEmbeddingModel(dir.resolve("nothing.onnx"), null, EmbeddingPooling.MEAN, true))
                .hasMessageContaining("TRIAGE_EMBEDDING_MODEL").hasMessageContaining("nothing.onnx");
        assertThatThrownBy(() -> new OnnxFileEmbeddingModel(model, dir.resolve("missing.json"),
                EmbeddingPooling.MEAN, true))
                .hasMessageContaining("TRIAGE_EMBEDDING_TOKENIZER").hasMessageContaining("missing.json");
    }

    private static void copy(String resource, Path to) throws IOException {
        try (InputStream in = MiniLmEmbeddingModel.resource(resource)) {
            Files.copy(in, to);
        }
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
