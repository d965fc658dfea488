package io.tickettriage.triage;

import java.io.IOException;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import io.tickettriage.knowledge.KnowledgeBase;
import io.tickettriage.knowledge.EmbeddedExample;
import io.tickettriage.knowledge.Example;
import io.tickettriage.knowledge.TicketText;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Trains the linear models from the knowledge base in the background: once the examples are loaded, and again
 * whenever they have changed, at most once per {@code triage.retrain-interval}. Routing never waits for
 * training: until the first model is ready the nearest-neighbour vote routes, and a new model replaces the old
 * one in a single swap. Trained models are stored beside the similarity index; a start with the same examples
 * uses the stored ones at once and trains only when the examples change.
 */
@Component
class RoutingModels implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RoutingModels.class);
    /** Change it when the features or the training change meaning: stored models of another version are retrained. */
    static final String MODEL = "linear-svm-v3";

    /** The models in use and the version string every explanation carries. */
    record Trained(LinearRouter teams, @Nullable LinearRouter priorities, @Nullable LinearRouter levels,
            String version, int examples) implements Serializable {
    }

    private final KnowledgeBase knowledge;
    private final TriageProperties properties;
    private final ModelStore store;
    private volatile @Nullable Installed installed;
    private volatile @Nullable Failure lastFailure;
    private volatile boolean running;
    private @Nullable Thread trainer;

    RoutingModels(KnowledgeBase knowledge, TriageProperties properties) {
        this.knowledge = knowledge;
        this.properties = properties;
        this.store = new ModelStore(knowledge.dataFolder().resolve(ModelStore.FILE));
    }

    /**
     * The models in use, the out-of-scope check for the languages the embedding model does not read (null when there
     * is none, see {@link ScopeModel}), and the newest example they were trained on: anything stored later is unknown
     * to them.
     */
    record Installed(Trained trained, @Nullable ScopeModel scope, long newestExample) {
    }

    @Nullable Trained current() {
        Installed now = installed;
        return now == null ? null : now.trained();
    }

    @Nullable Installed installed() {
        return installed;
    }

    /** Why the last training failed and when; null when none has failed since the last that succeeded. */
    record Failure(String message, Instant at) {
    }

    @Nullable Failure lastFailure() {
        return lastFailure;
    }

    /** Whether this process trains models (the import command's does not). */
    boolean trains() {
        return properties.trainModels();
    }

    /**
     * Installs {@code trained} with the out-of-scope check of the same examples. The check is not stored with the
     * models: one fit on the examples in languages the embedding model does not read, it is trained again whenever
     * models are installed, from a training, the store or the jar.
     */
    private void install(Trained trained, List<EmbeddedExample> entries) {
        long start = System.nanoTime();
        ScopeModel scope = scopeModel(entries, knowledge.embeddingLanguages());
        if (scope != null) {
            log.info("Out-of-scope check by words for {} trained in {} ms", String.join(", ", scope.languages()),
                    (System.nanoTime() - start) / 1_000_000);
        }
        installed = new Installed(trained, scope, entries.stream().mapToLong(e -> e.example().id()).max().orElse(0));
    }

    /** The out-of-scope check for these examples' texts in languages the embedding model does not read. */
    static @Nullable ScopeModel scopeModel(List<EmbeddedExample> entries, Set<String> languages) {
        return ScopeModel.train(samples(entries, e -> e.example().team()), OutOfScope.requests(), languages);
    }

    @Override
    public void start() {
        running = true;
        trainer = Thread.ofPlatform().name("routing-trainer").daemon().priority(Thread.MIN_PRIORITY)
                .start(this::trainWhenChanged);
    }

    @Override
    public boolean isAutoStartup() {
        return properties.trainModels();
    }

    @Override
    public void stop() {
        running = false;
        if (trainer != null) {
            trainer.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void trainWhenChanged() {
        try {
            while (running && !knowledge.awaitReady(Duration.ofSeconds(5))) {
                // the knowledge base is still loading
            }
            long trainedOn = -1;
            Set<String> trainedTeams = Set.of();
            Set<Long> trainedTickets = Set.of();
            long trainedAt = 0;
            // Read before the examples, so a change made meanwhile is trained for on the next round.
            long generation = knowledge.generation();
            Set<String> teams = knowledge.teams();
            List<EmbeddedExample> entries = knowledge.entries();
            if (running && (loadStored(entries) || loadShipped(entries))) {
                trainedOn = generation;
                trainedTeams = teams;
                trainedTickets = tickets(entries.stream().map(EmbeddedExample::example).toList());
                trainedAt = System.currentTimeMillis();
            }
            while (running) {
                generation = knowledge.generation();
                teams = knowledge.teams();
                boolean due = System.currentTimeMillis() - trainedAt >= properties.retrainInterval().toMillis();
                // A new team is worth training for at once, and so is a ticket forgotten (deleted or reopened): a
                // model must not keep what a deletion took away. Other changes wait for the interval.
                if (generation != trainedOn && (due || !trainedTeams.containsAll(teams)
                        || !tickets(knowledge.examples()).containsAll(trainedTickets))) {
                    trainedOn = generation;
                    trainedTeams = teams;
                    trainedAt = System.currentTimeMillis();
                    entries = knowledge.entries();
                    trainedTickets = tickets(entries.stream().map(EmbeddedExample::example).toList());
                    train(entries);
                }
                Thread.sleep(1_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The tickets some of these examples were learnt from. */
    private static Set<Long> tickets(List<Example> examples) {
        Set<Long> tickets = new HashSet<>();
        for (Example example : examples) {
            if (example.ticketId() != null) {
                tickets.add(example.ticketId());
            }
        }
        return tickets;
    }

    void train(List<EmbeddedExample> entries) {
        if (entries.stream().map(e -> e.example().team()).distinct().count() < 2) {
            installed = null;
            return;
        }
        long start = System.nanoTime();
        try {
            // Training shares the machine with routing: one thread, at low priority, is enough in the background.
            Trained trained = fit(entries, properties, knowledge.embeddingLanguages(), knowledge.modelId(), 1);
            install(trained, entries);
            lastFailure = null;
            NeighbourVote vote = trained.teams().vote();
            log.info("Routing model {} trained on {} examples in {} ms (cross-validated accuracy {}; {})",
                    trained.version(), entries.size(), (System.nanoTime() - start) / 1_000_000,
                    String.format("%.3f", trained.teams().crossValidation().accuracy()), vote == null
                            ? "the nearest examples' vote did not clearly help and is left out"
                            : String.format("the nearest examples' vote blended in at weight %.2f: it fixed %d held-out"
                                    + " rows and broke %d", vote.weight(), vote.fixed(), vote.broken()));
            save(entries, trained);
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                // the service is stopping: nothing failed
                log.debug("Routing model training stopped with the service");
                return;
            }
            Trained previous = current();
            boolean heap = e instanceof TrainingHeap.Exhausted;
            String failure = (heap ? e.getMessage() : "Training failed (" + e + ")") + "; "
                    + (previous == null ? "the nearest-neighbour vote" : "the previous model " + previous.version())
                    + " keeps routing";
            lastFailure = new Failure(failure, Instant.now());
            if (heap) {
                // an operator's setting, not a defect: the message says what to change, a stack trace would bury it
                log.error(failure);
            } else {
                log.error(failure, e);
            }
        }
    }

    /**
     * The team, priority and tier models for these examples, as the service trains them ({@link StarterModel}, the
     * build's model for the starter set, is trained here too).
     *
     * @param languages the languages the embedding model reads ({@code KnowledgeBase#embeddingLanguages})
     */
    static Trained fit(List<EmbeddedExample> entries, TriageProperties properties, Set<String> languages,
            String embeddingModel, int threads) {
        LinearRouter.Settings settings = LinearRouter.Settings.defaults(properties.targetPrecision(),
                properties.minTeamExamples()).withThreads(threads).readingOnly(languages)
                .withVote(properties.neighbours());
        LinearRouter teams = LinearRouter.train(samples(entries, e -> e.example().team()), settings, log::debug);
        LinearRouter.Settings ordinal = settings.ordinal();
        LinearRouter priorities = trainOptional(entries, e -> label(e.example().priority()), ordinal);
        LinearRouter levels = trainOptional(entries, e -> label(e.example().level()), ordinal);
        String version = "%s+%s@%d/%s".formatted(MODEL, embeddingModel, entries.size(), Instant.now().toString());
        return new Trained(teams, priorities, levels, version, entries.size());
    }

    /**
     * Installs the model the build trained on the starter set if these examples are exactly the starter set and
     * the settings are the defaults (a new database): the first tickets are routed by it instead of waiting for a
     * training. It is stored as if trained here, so the next start finds it beside the index.
     */
    private boolean loadShipped(List<EmbeddedExample> entries) {
        Optional<Trained> shipped = StarterModel.load(
                ModelStore.Fingerprint.ofContent(entries, MODEL, knowledge.modelId(), properties));
        shipped.ifPresent(trained -> {
            install(trained, entries);
            log.info("Routing model {} for the starter set loaded from the jar (trained by the build on {} examples)",
                    trained.version(), trained.examples());
            save(entries, trained);
        });
        return shipped.isPresent();
    }

    /** Installs the stored models if they were trained on exactly these examples and settings. */
    private boolean loadStored(List<EmbeddedExample> entries) {
        Optional<Trained> stored = store.load(fingerprint(entries));
        stored.ifPresent(trained -> {
            install(trained, entries);
            log.info("Routing model {} loaded from {} (trained on {} examples)", trained.version(), store.file(),
                    trained.examples());
        });
        return stored.isPresent();
    }

    private void save(List<EmbeddedExample> entries, Trained trained) {
        try {
            store.save(fingerprint(entries), trained);
        } catch (IOException e) {
            if (!Thread.currentThread().isInterrupted()) {
                log.warn("Could not store the routing model in {} ({}); the next start trains it again", store.file(),
                        e.toString());
            }
        }
    }

    private ModelStore.Fingerprint fingerprint(List<EmbeddedExample> entries) {
        return ModelStore.Fingerprint.of(entries, MODEL, knowledge.modelId(), properties);
    }

    private static @Nullable LinearRouter trainOptional(List<EmbeddedExample> entries, Function<EmbeddedExample, @Nullable String> label,
            LinearRouter.Settings settings) {
        List<LinearRouter.Sample> samples = samples(entries, label);
        if (samples.size() < 20 || samples.stream().map(LinearRouter.Sample::label).distinct().count() < 2) {
            return null;
        }
        return LinearRouter.train(samples, settings, log::debug);
    }

    private static List<LinearRouter.Sample> samples(List<EmbeddedExample> entries, Function<EmbeddedExample, @Nullable String> label) {
        List<LinearRouter.Sample> samples = new ArrayList<>(entries.size());
        for (EmbeddedExample entry : entries) {
            String value = label.apply(entry);
            if (value != null) {
                samples.add(new LinearRouter.Sample(TicketText.of(entry.example().title(),
                        entry.example().description()), entry.vector(), value));
            }
        }
        return samples;
    }

    private static @Nullable String label(@Nullable Enum<?> value) {
        return value == null ? null : value.name();
    }
}
