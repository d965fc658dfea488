package io.tickettriage.knowledge;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import tools.jackson.databind.json.JsonMapper;

/**
 * The starter set as a new database holds it: every example of the starter files once, with the vector the build
 * made for it ({@link StarterVectors}). The build trains the routing model a new database starts with from it
 * ({@code io.tickettriage.triage.StarterModel}), so that a first start routes with a trained model from its first
 * ticket instead of training one while the first tickets arrive.
 */
public final class StarterSet {

    /** The embedding model the build makes the starter vectors with: the shipped one. */
    public static final String MODEL_ID = MiniLmEmbeddingModel.ID;

    private StarterSet() {
    }

    /** The languages the shipped model places by meaning ({@link EmbeddingModel#languages()}). */
    public static Set<String> modelLanguages() {
        return MiniLmEmbeddingModel.LANGUAGES;
    }

    /**
     * The starter examples of the files in {@code folder} (the build's {@code knowledge/starter}), each once as the
     * knowledge base stores them, numbered from 1, with their vectors.
     *
     * @throws IllegalStateException if the build has no vector for one of them
     */
    public static List<EmbeddedExample> read(Path folder) throws IOException {
        Map<String, float[]> vectors = StarterVectors.load(MODEL_ID);
        Set<String> seen = new HashSet<>();
        List<EmbeddedExample> examples = new ArrayList<>();
        for (LabelledText text : texts(files(folder))) {
            if (!seen.add(text.contentHash(MODEL_ID))) {
                continue; // stored once, as ExampleIngestion does
            }
            float[] vector = vectors.get(TicketText.of(text.title(), text.description()));
            if (vector == null) {
                throw new IllegalStateException("No starter vector for '" + text.title() + "': build the vectors first");
            }
            examples.add(new EmbeddedExample(new Example(examples.size() + 1, text.team(), text.title(),
                    text.description(), text.priority(), text.level(), "starter"), vector));
        }
        return examples;
    }

    /** The starter files' contents by file name, in name order. */
    static Map<String, byte[]> files(Path folder) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (DirectoryStream<Path> json = Files.newDirectoryStream(folder, "*.json")) {
            for (Path file : json) {
                files.put(file.getFileName().toString(), Files.readAllBytes(file));
            }
        }
        return files;
    }

    /** The labelled texts of these starter files, in order. */
    static List<LabelledText> texts(Map<String, byte[]> files) throws IOException {
        KnowledgeFiles reader = new KnowledgeFiles(JsonMapper.builder().build());
        List<LabelledText> texts = new ArrayList<>();
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            texts.addAll(reader.read(new ByteArrayInputStream(file.getValue()), file.getKey(), "starter"));
        }
        return texts;
    }
}
