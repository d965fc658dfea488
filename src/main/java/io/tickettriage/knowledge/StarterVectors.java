package io.tickettriage.knowledge;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The starter set's vectors, computed by the build with the shipped model and kept in the jar: a new database gets
 * its starter examples without embedding them again (about 6 s of a core at the very first start, while the first
 * tickets arrive). Keyed by the exact text embedded, so a starter example changed since the build, or another
 * model, simply misses and is embedded as before.
 *
 * <p>{@link #main} writes the file; the build runs it after compiling ({@code pom.xml}, execution
 * {@code starter-vectors}) and it does nothing when the starter files and the model are those it was made from.
 */
final class StarterVectors {

    static final String RESOURCE = "knowledge/starter/vectors.bin";
    private static final int MAGIC = 0x54545356; // "TTSV"

    private StarterVectors() {
    }

    /** The vectors made by the build for {@code modelId}, by the text embedded; empty when there are none. */
    static Map<String, float[]> load(String modelId) {
        try (InputStream in = StarterVectors.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return Map.of();
            }
            DataInputStream data = new DataInputStream(new BufferedInputStream(in));
            if (data.readInt() != MAGIC || !data.readUTF().equals(modelId)) {
                return Map.of();
            }
            data.readUTF(); // the inputs' digest, read by the build only
            int dimensions = data.readInt();
            int count = data.readInt();
            Map<String, float[]> vectors = new LinkedHashMap<>(count * 2);
            for (int i = 0; i < count; i++) {
                String text = readText(data);
                float[] vector = new float[dimensions];
                for (int d = 0; d < dimensions; d++) {
                    vector[d] = data.readFloat();
                }
                vectors.put(text, vector);
            }
            return vectors;
        } catch (IOException e) {
            // a damaged file costs the time it was meant to save, nothing more
            return Map.of();
        }
    }

    /** Writes the vectors of the starter files under {@code args[0]} (the build's classes folder). */
    public static void main(String[] args) throws IOException {
        Path classes = Path.of(args[0]);
        Path starter = classes.resolve("knowledge/starter");
        Path output = classes.resolve(RESOURCE);
        Map<String, byte[]> files = StarterSet.files(starter);
        String modelId = MiniLmEmbeddingModel.ID;
        String digest = digest(modelId, files);
        if (digest.equals(digestOf(output))) {
            System.out.println("Starter vectors up to date: " + output);
            return;
        }
        Map<String, float[]> vectors = new LinkedHashMap<>();
        MiniLmEmbeddingModel model = new MiniLmEmbeddingModel(false);
        long start = System.nanoTime();
        for (LabelledText text : StarterSet.texts(files)) {
            vectors.computeIfAbsent(TicketText.of(text.title(), text.description()), model::embed);
        }
        model.destroy();
        write(output, modelId, digest, vectors);
        System.out.printf("Starter vectors: %d texts embedded with %s in %d ms -> %s%n", vectors.size(), modelId,
                (System.nanoTime() - start) / 1_000_000, output);
    }

    private static void write(Path output, String modelId, String digest, Map<String, float[]> vectors)
            throws IOException {
        Path partial = output.resolveSibling(output.getFileName() + ".partial");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(partial)))) {
            out.writeInt(MAGIC);
            out.writeUTF(modelId);
            out.writeUTF(digest);
            out.writeInt(vectors.values().iterator().next().length);
            out.writeInt(vectors.size());
            for (Map.Entry<String, float[]> entry : vectors.entrySet()) {
                byte[] text = entry.getKey().getBytes(StandardCharsets.UTF_8);
                out.writeInt(text.length);
                out.write(text);
                for (float value : entry.getValue()) {
                    out.writeFloat(value);
                }
            }
        }
        Files.move(partial, output, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** Texts are written with their length, not as modified UTF-8: a description may be longer than 64 KB. */
    private static String readText(DataInputStream data) throws IOException {
        byte[] text = new byte[data.readInt()];
        data.readFully(text);
        return new String(text, StandardCharsets.UTF_8);
    }

    private static @Nullable String digestOf(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (DataInputStream data = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (data.readInt() != MAGIC) {
                return null;
            }
            data.readUTF();
            return data.readUTF();
        } catch (IOException e) {
            return null;
        }
    }

    private static String digest(String modelId, Map<String, byte[]> files) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(modelId.getBytes(StandardCharsets.UTF_8));
            files.forEach((name, content) -> {
                sha.update(name.getBytes(StandardCharsets.UTF_8));
                sha.update(content);
            });
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
