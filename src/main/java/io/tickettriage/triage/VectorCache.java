package io.tickettriage.triage;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.tickettriage.knowledge.EmbeddingModel;

/**
 * {@code eval --vector-cache FILE}: an embedding model that remembers the vectors it computed in a file, keyed by the
 * model's id and the SHA-256 of the text, so that evaluating other settings on the same texts does not embed them
 * again (30,000 tickets take 5 to 10 minutes to embed on two cores, far longer than the rest of a small run). A file
 * written by another model is ignored and replaced. For evaluation runs only: the service keeps its vectors with its
 * examples.
 */
final class VectorCache implements EmbeddingModel {

    private static final String MAGIC = "ticket-triage vectors 1";

    private final EmbeddingModel model;
    private final Path file;
    private final Map<String, float[]> vectors = new ConcurrentHashMap<>();
    private final int loaded;

    private VectorCache(EmbeddingModel model, Path file) throws IOException {
        this.model = model;
        this.file = file;
        if (Files.isRegularFile(file)) {
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
                if (MAGIC.equals(in.readUTF()) && model.id().equals(in.readUTF())) {
                    int count = in.readInt();
                    for (int i = 0; i < count; i++) {
                        String key = in.readUTF();
                        float[] vector = new float[in.readInt()];
                        for (int d = 0; d < vector.length; d++) {
                            vector[d] = in.readFloat();
                        }
                        vectors.put(key, vector);
                    }
                }
            }
        }
        loaded = vectors.size();
    }

    /** The model, remembering its vectors in {@code file} (read now when it exists; written by {@link #save}). */
    static VectorCache open(EmbeddingModel model, Path file) throws IOException {
        return new VectorCache(model, file);
    }

    @Override
    public String id() {
        return model.id();
    }

    @Override
    public Set<String> languages() {
        return model.languages();
    }

    @Override
    public float[] embed(String text) {
        return vectors.computeIfAbsent(key(text), k -> model.embed(text));
    }

    /** How many vectors came from the file rather than from the model. */
    int reused() {
        return loaded;
    }

    int size() {
        return vectors.size();
    }

    /** Writes every vector known (whole or not at all) when any was computed since the file was read. */
    void save() throws IOException {
        if (vectors.size() == loaded) {
            return;
        }
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path partial = Files.createTempFile(parent, file.getFileName().toString(), ".partial");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(partial)))) {
            out.writeUTF(MAGIC);
            out.writeUTF(model.id());
            Map<String, float[]> snapshot = Map.copyOf(vectors);
            out.writeInt(snapshot.size());
            for (Map.Entry<String, float[]> entry : snapshot.entrySet()) {
                out.writeUTF(entry.getKey());
                out.writeInt(entry.getValue().length);
                for (float value : entry.getValue()) {
                    out.writeFloat(value);
                }
            }
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String key(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
