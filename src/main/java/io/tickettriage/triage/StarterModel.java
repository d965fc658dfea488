package io.tickettriage.triage;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import io.tickettriage.knowledge.EmbeddedExample;
import io.tickettriage.knowledge.StarterSet;
import io.tickettriage.triage.ModelStore.Fingerprint;
import io.tickettriage.triage.RoutingModels.Trained;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * The routing model for the starter set, trained by the build and kept in the jar: a new database (the starter set
 * and default settings) routes with it from its first ticket, instead of with the nearest-neighbour vote while a
 * first training takes a core for several seconds, just as the first tickets arrive. The file has the format of
 * {@link ModelStore} with a fingerprint of the examples' texts and labels ({@link Fingerprint#ofContent}), so any
 * other knowledge (a team file, a changed starter example, other settings or another embedding model) misses it
 * and is trained for as before.
 *
 * <p>{@link #main} writes it; the build runs it after the starter vectors ({@code pom.xml}, execution
 * {@code starter-model}) and it does nothing when the starter set, its vectors and this package's classes are
 * those it was made from.
 */
final class StarterModel {

    static final String RESOURCE = "triage/starter-model.bin";

    private StarterModel() {
    }

    /** The build's model if it was trained on what {@code expected} describes; empty otherwise. */
    static Optional<Trained> load(Fingerprint expected) {
        try (InputStream in = StarterModel.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            return in == null ? Optional.empty()
                    : Optional.ofNullable(ModelStore.read(new BufferedInputStream(in, 1 << 16), expected));
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            // a damaged file costs the training it was meant to save, nothing more
            return Optional.empty();
        }
    }

    /** Trains the starter set's model and writes it under {@code args[0]} (the build's classes folder). */
    public static void main(String[] args) throws IOException {
        Path classes = Path.of(args[0]);
        Path output = classes.resolve(RESOURCE);
        Path inputs = classes.resolveSibling("starter-model.inputs");
        String digest = digest(classes);
        if (Files.isRegularFile(output) && Files.isRegularFile(inputs) && Files.readString(inputs).equals(digest)) {
            System.out.println("Starter routing model up to date: " + output);
            return;
        }
        long start = System.nanoTime();
        List<EmbeddedExample> examples = StarterSet.read(classes.resolve("knowledge/starter"));
        TriageProperties defaults = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("triage.routing", TriageProperties.class);
        Trained trained = RoutingModels.fit(examples, defaults, StarterSet.modelLanguages(), StarterSet.MODEL_ID,
                Runtime.getRuntime().availableProcessors());
        new ModelStore(output).save(Fingerprint.ofContent(examples, RoutingModels.MODEL, StarterSet.MODEL_ID,
                defaults), trained);
        Files.writeString(inputs, digest);
        System.out.printf("Starter routing model: %s, trained on %d examples in %d ms -> %s%n", trained.version(),
                examples.size(), (System.nanoTime() - start) / 1_000_000, output);
    }

    /**
     * What the model is made from: the starter files and vectors, and the compiled classes of this package (the
     * features and the training) and of the text the model reads.
     */
    private static String digest(Path classes) throws IOException {
        MessageDigest sha = ModelStore.sha256();
        try (Stream<Path> files = Stream.concat(
                Stream.concat(Files.list(classes.resolve("knowledge/starter")), Files.list(classes.resolve(
                        StarterModel.class.getPackageName().replace('.', '/')))),
                Stream.of(classes.resolve("io/tickettriage/knowledge/TicketText.class")))) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                sha.update(classes.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
                sha.update(Files.readAllBytes(file));
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
