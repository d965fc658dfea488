package io.tickettriage.knowledge;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

import io.tickettriage.ticket.Level;
import io.tickettriage.ticket.Priority;
import io.tickettriage.ticket.TeamCatalog;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The labelled examples the engine routes by: the entry point of this module. It holds no logic of its own;
 * it puts together the {@link ExampleIndex} (what is in memory, and search), the {@link ExampleIngestion} (the
 * one way examples are stored and removed) and the {@link ExampleLoader} (the load at start, and catching up
 * with other processes).
 */
@Service
public class KnowledgeBase implements TeamCatalog, SmartLifecycle {

    /** An example and how similar it is to the query, from -1 to 1. */
    public record Neighbour(Example example, double similarity) {
    }

    /** What an import did. */
    public record ImportResult(int added, int alreadyKnown) {
    }

    /** A labelled example given through the API or an import. */
    public record NewExample(String team, String title, String description, @Nullable Priority priority,
            @Nullable Level level) {
    }

    private final ExampleStore store;
    private final KnowledgeFiles files;
    private final EmbeddingModel embeddings;
    private final Path dataFolder;
    private final ExampleIndex index;
    private final ExampleIngestion ingestion;
    private final ExampleLoader loader;
    private final CountDownLatch ready = new CountDownLatch(1);
    private volatile Set<String> declaredTeams = Set.of();
    private final boolean autoStartup;
    private volatile boolean running;
    // Imports use the database for minutes; one at a time keeps their "already known" answers true.
    private final Object importLock = new Object();

    KnowledgeBase(ExampleStore store, KnowledgeFiles files, EmbeddingModel embeddings, KnowledgeProperties properties,
            Clock clock, @Value("${spring.datasource.url:}") String databaseUrl) {
        this.store = store;
        this.files = files;
        this.embeddings = embeddings;
        this.dataFolder = properties.index().folder(databaseUrl);
        this.index = new ExampleIndex(properties.index(), dataFolder, embeddings.id());
        this.ingestion = new ExampleIngestion(store, embeddings, index, clock);
        this.loader = new ExampleLoader(store, ingestion, index, files, properties, embeddings.id());
        this.autoStartup = properties.load();
    }

    @Override
    public void start() {
        running = true;
        List<LabelledText> sources = loader.readSources();
        Set<String> teams = new HashSet<>(store.teams());
        sources.forEach(text -> teams.add(text.team()));
        declaredTeams = Set.copyOf(teams);
        Thread.ofPlatform().name("knowledge-loader").daemon().start(() -> {
            if (loader.loadUntilDone(sources, this::isRunning)) {
                ready.countDown();
                loader.followWhile(this::isRunning);
            }
        });
    }

    /** Off in a context that needs no examples (the token command), so that nothing of the knowledge is touched. */
    @Override
    public boolean isAutoStartup() {
        return autoStartup;
    }

    @Override
    public void stop() {
        running = false;
        index.close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts before the workers that need it. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 100;
    }

    @Override
    public Set<String> teams() {
        Set<String> teams = new TreeSet<>(declaredTeams);
        teams.addAll(index.teams());
        return Collections.unmodifiableSet(teams);
    }

    /** Waits until the stored and shipped examples are indexed; false if that took longer than {@code timeout}. */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        return ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean isReady() {
        return ready.getCount() == 0;
    }

    public int size() {
        return index.size();
    }

    /**
     * Changes whenever the examples change: one added, forgotten, or relabelled by an agent's correction. Models
     * trained on the knowledge base compare it to know when to retrain.
     */
    public long generation() {
        return index.generation();
    }

    /** How many indexed examples carry {@code team}. */
    public int examplesOf(String team) {
        return index.examplesOf(team);
    }

    /** Up to {@code limit} examples of {@code team}, in the order they were stored. */
    public List<Example> sampleOf(String team, int limit) {
        List<Example> sample = new ArrayList<>(limit);
        for (Example example : index.examples()) {
            if (sample.size() >= limit) {
                break;
            }
            if (example.team().equals(team)) {
                sample.add(example);
            }
        }
        return sample;
    }

    /** Every indexed example with its vector, in the order they were stored. */
    public List<EmbeddedExample> entries() {
        return index.entries();
    }

    /** Every example in the index, for export. */
    public List<Example> examples() {
        return index.examples();
    }

    /**
     * Embeds and stores labelled examples that are not stored yet, and indexes them. A running service on the
     * same database picks them up within {@code triage.knowledge.poll-interval}.
     */
    public ImportResult importExamples(List<LabelledCsv.Row> rows, String source, IntConsumer progress) {
        List<LabelledText> texts = rows.stream().map(row -> new LabelledText(row.label(), row.title(),
                row.description(), Priority.parse(row.priority()).orElse(null),
                Level.parse(row.level()).orElse(null), source)).toList();
        return importTexts(texts, progress);
    }

    /** Reads team JSON files ({@code <Team>.json}) and imports their examples. */
    public ImportResult importFiles(List<Path> jsonFiles, IntConsumer progress) throws IOException {
        List<LabelledText> texts = new ArrayList<>();
        for (Path file : jsonFiles) {
            try (InputStream in = Files.newInputStream(file)) {
                texts.addAll(files.read(in, file.getFileName().toString(), "import"));
            }
        }
        return importTexts(texts, progress);
    }

    private ImportResult importTexts(List<LabelledText> texts, IntConsumer progress) {
        synchronized (importLock) {
            ExampleIngestion.Ingested result = ingestion.ingest(texts, progress);
            return new ImportResult(result.added().size(), result.alreadyKnown());
        }
    }

    /** Adds examples, embedding each once; returns how many were new. Their teams become routable at once. */
    @Transactional
    public int addExamples(List<NewExample> examples, String source) {
        List<LabelledText> texts = examples.stream().map(example -> new LabelledText(example.team().strip(),
                example.title().strip(), example.description() == null ? "" : example.description().strip(),
                example.priority(), example.level(), source)).toList();
        return ingestion.ingest(texts, added -> { }).added().size();
    }

    /**
     * Learns from a ticket, replacing what was learnt from it before. Runs in the caller's transaction; the
     * index sees the example as soon as that commits, so the very next classification can use it.
     */
    @Transactional
    public void learnFromTicket(long ticketId, String team, String title, String description,
            @Nullable Priority priority, @Nullable Level level) {
        ingestion.learn(new LabelledText(team, title, description, priority, level, "ticket", ticketId));
    }

    /**
     * Forgets what was learnt from a ticket, for instance because it was reopened or deleted; returns the ids of
     * the examples removed.
     */
    @Transactional
    public List<Long> forgetTicket(long ticketId) {
        return ingestion.retract(ticketId);
    }

    /** Indexes examples stored and removed by other processes (an import, another instance) since the last look. */
    void refresh() {
        loader.catchUp();
    }

    /** The languages the embedding model reads; empty for every language ({@link EmbeddingModel#languages()}). */
    public Set<String> embeddingLanguages() {
        return embeddings.languages();
    }

    public String modelId() {
        return embeddings.id();
    }

    /**
     * The folder where this process keeps what it derives from the examples: the similarity index, and models
     * trained on them ({@code triage.knowledge.index.dir}). It may not exist yet.
     */
    public Path dataFolder() {
        return dataFolder;
    }

    /**
     * Embeds a ticket's text with the model the examples were embedded with. Callers embed a ticket once and pass
     * the vector along; nothing is remembered here.
     */
    public float[] embed(String text) {
        return embeddings.embed(text);
    }

    /**
     * The {@code k} examples most similar to {@code query}, most similar first. Small knowledge bases are scanned
     * exactly; large ones are searched in the similarity graph, whose hits are then scored with the exact vectors.
     */
    public List<Neighbour> nearest(float[] query, int k) {
        return index.nearest(query, k);
    }

    /** Exact search: compares the query with every vector. */
    static List<Neighbour> scan(List<Example> examples, float[][] vectors, float[] query, int k) {
        return ExampleIndex.scan(examples, vectors, query, k);
    }

    /** How many changes the similarity graph caught up with when it was opened; -1 while searches scan. */
    int graphChangesAtOpen() {
        return index.graphChangesAtOpen();
    }
}
