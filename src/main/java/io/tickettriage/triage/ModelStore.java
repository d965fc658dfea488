package io.tickettriage.triage;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.ObjectStreamField;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import io.tickettriage.knowledge.Example;
import io.tickettriage.knowledge.EmbeddedExample;
import io.tickettriage.triage.RoutingModels.Trained;

import de.bwaldvogel.liblinear.Model;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the trained routing models in one file beside the similarity index, together with a fingerprint of what
 * they were trained on, so that a restart with unchanged examples routes with them at once instead of training
 * for minutes. The file is written whole or not at all; one that cannot be read (damaged, of an older format, or
 * holding anything but the models' own classes) is ignored, and the models are trained again.
 */
final class ModelStore {

    static final String FILE = "routing-model.bin";

    private static final Logger log = LoggerFactory.getLogger(ModelStore.class);

    /**
     * Only the classes a stored model is made of; anything else in the file stops the read before it is built.
     * Arrays are checked by their element type, and arrays of primitives pass.
     */
    static final ObjectInputFilter FILTER = ObjectInputFilter.Config.createFilter("maxdepth=20;"
            + "io.tickettriage.triage.*;de.bwaldvogel.liblinear.*;"
            // List.copyOf's serial form and what it resolves to, the thresholds' map, a boxed double, an enum
            + "java.util.CollSer;java.lang.Object;java.util.ImmutableCollections$List12;"
            + "java.util.ImmutableCollections$ListN;java.util.TreeMap;java.lang.Double;java.lang.Number;java.lang.Enum;"
            + "!*");

    /**
     * The serialised shape of every class in the file. Records are read back field by field without a version
     * check, so a changed record must not meet a file written before the change.
     */
    static final String FORMAT = shape(Trained.class, LinearRouter.class,
            LinearRouter.CrossValidation.class, LexicalFeatures.class, Calibration.class, NeighbourVote.class,
            Model.class, Fingerprint.class);

    /**
     * What models were trained on: the embedding model, the training settings, and the examples' ids and labels.
     * Models are only reused for the very same fingerprint.
     *
     * @param examples SHA-256 over every example's id, team, priority and level, in id order
     */
    record Fingerprint(String model, String embeddingModel, double targetPrecision, int minTeamExamples,
            int size, String examples) implements Serializable {

        static Fingerprint of(List<EmbeddedExample> entries, String model, String embeddingModel, TriageProperties properties) {
            MessageDigest digest = sha256();
            entries.stream().map(EmbeddedExample::example).sorted(Comparator.comparingLong(Example::id)).forEach(example -> {
                for (String part : new String[] {Long.toString(example.id()), example.team(), name(example.priority()),
                    name(example.level())}) {
                    digest.update(part.getBytes(StandardCharsets.UTF_8));
                    digest.update((byte) 0);
                }
            });
            return new Fingerprint(model, embeddingModel, properties.targetPrecision(), properties.minTeamExamples(),
                    entries.size(), HexFormat.of().formatHex(digest.digest()));
        }

        /**
         * What models were trained on, by the examples' texts and labels rather than their ids: the same for the
         * starter set in every new database, whatever ids it got, and for the build that trained on it.
         */
        static Fingerprint ofContent(List<EmbeddedExample> entries, String model, String embeddingModel,
                TriageProperties properties) {
            MessageDigest digest = sha256();
            digest.update("content".getBytes(StandardCharsets.UTF_8));
            entries.stream().map(EmbeddedExample::example)
                    .map(e -> String.join("\0", e.team(), name(e.priority()), name(e.level()), e.title(),
                            e.description()))
                    .sorted().forEach(example -> {
                        digest.update(example.getBytes(StandardCharsets.UTF_8));
                        digest.update((byte) 1);
                    });
            return new Fingerprint(model, embeddingModel, properties.targetPrecision(), properties.minTeamExamples(),
                    entries.size(), HexFormat.of().formatHex(digest.digest()));
        }

        private static String name(@Nullable Enum<?> value) {
            return value == null ? "" : value.name();
        }
    }

    private final Path file;

    ModelStore(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    /** Replaces the stored models; a crash while writing leaves the previous file, or none. */
    void save(Fingerprint fingerprint, Trained trained) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            OutputStream buffered = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
            ObjectOutputStream out = new ObjectOutputStream(buffered);
            out.writeUTF(FORMAT);
            out.writeObject(fingerprint);
            out.writeObject(trained);
            out.flush();
            // On disk before the rename, so the name never points at a half-written file after a power cut.
            channel.force(true);
        }
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * The stored models if they were trained on {@code expected}; empty if there are none, they were trained on
     * something else, or the file cannot be read.
     */
    Optional<Trained> load(Fingerprint expected) {
        try {
            return Optional.ofNullable(read(expected));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            // A damaged file can fail in many ways; none of them may keep the service from starting.
            log.warn("Ignoring the stored routing model {} ({}); it will be trained again", file, e.toString());
            return Optional.empty();
        }
    }

    /** The stored models, or null if they were trained on something else than {@code expected}. */
    @Nullable Trained read(Fingerprint expected) throws IOException, ClassNotFoundException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            Trained trained = read(in, expected);
            if (trained == null) {
                log.info("The stored routing model {} was trained on other examples or settings; training again",
                        file);
            }
            return trained;
        }
    }

    /** The models in a stream written by {@link #save}, or null if they were trained on something else. */
    static @Nullable Trained read(InputStream in, Fingerprint expected) throws IOException, ClassNotFoundException {
        ObjectInputStream objects = new ObjectInputStream(in);
        objects.setObjectInputFilter(FILTER);
        String format = objects.readUTF();
        if (!format.equals(FORMAT)) {
            throw new IOException("written in another format");
        }
        Fingerprint stored = (Fingerprint) objects.readObject();
        return stored.equals(expected) ? (Trained) objects.readObject() : null;
    }

    private static String shape(Class<?>... classes) {
        MessageDigest digest = sha256();
        for (Class<?> type : classes) {
            ObjectStreamClass serial = ObjectStreamClass.lookup(type);
            StringBuilder fields = new StringBuilder(type.getName()).append('#').append(serial.getSerialVersionUID());
            for (ObjectStreamField field : serial.getFields()) {
                fields.append(';').append(field.getName()).append(':').append(field.getTypeString() == null
                        ? String.valueOf(field.getTypeCode()) : field.getTypeString());
            }
            digest.update(fields.toString().getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(digest.digest(), 0, 8);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
