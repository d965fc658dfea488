package io.tickettriage.knowledge;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import java.util.function.IntConsumer;

import io.tickettriage.knowledge.ExampleStore.StoredExample;
import io.tickettriage.system.AfterCommit;
import io.tickettriage.ticket.Level;
import io.tickettriage.ticket.Priority;
import io.tickettriage.ticket.TeamCatalog;

import org.apache.lucene.store.AlreadyClosedException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The labelled examples the engine routes by, and their similarity index: the entry point of this module.
 *
 * <p>At start the stored examples are loaded with their vectors; examples from the starter set and the
 * knowledge folder that are not stored yet are embedded once, in the background, and stored. The index is an
 * immutable snapshot swapped on change, so searches never wait for a writer.
 */
@Service
public class KnowledgeBase implements TeamCatalog, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(KnowledgeBase.class);
    private static final String STARTER_SET = "classpath*:knowledge/starter/*.json";

    /** An example and how similar it is to the query, from -1 to 1. */
    public record Neighbour(Example example, double similarity) {
    }

    /** An indexed example with its stored vector. */
    public record Entry(Example example, float[] vector) {
    }

    /** What an import did. */
    public record ImportResult(int added, int alreadyKnown) {
    }

    private record Index(List<Example> examples, float[][] vectors, Map<String, Integer> teamSizes,
            Map<Long, Integer> positions) {

        static final Index EMPTY = new Index(List.of(), new float[0][], Map.of(), Map.of());

        Set<String> teams() {
            return teamSizes.keySet();
        }

        VectorSearch.Snapshot snapshot() {
            return new VectorSearch.Snapshot(examples.stream().mapToLong(Example::id).toArray(), vectors);
        }
    }

    private final ExampleStore store;
    private final KnowledgeFiles files;
    private final EmbeddingModel embeddings;
    private final KnowledgeProperties properties;
    private final Clock clock;
    private final Path dataFolder;
    private final VectorSearch vectorSearch;
    private final CountDownLatch ready = new CountDownLatch(1);
    private volatile Index index = Index.EMPTY;
    private volatile Set<String> declaredTeams = Set.of();
    private volatile boolean running;
    private final Map<String, float[]> recentEmbeddings = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
            return size() > 256;
        }
    };
    private volatile long lastSeenId;
    private final AtomicLong generation = new AtomicLong();
    // Two locks, neither held while the other is wanted. importLock serialises imports, which use the database
    // while holding it; indexLock guards only the in-memory swap of the index, and is also taken by code running
    // after a commit, whose thread still holds a database connection. With SQLite's single connection, one lock
    // for both would deadlock.
    private final Object importLock = new Object();
    private final Object indexLock = new Object();

    KnowledgeBase(ExampleStore store, KnowledgeFiles files, EmbeddingModel embeddings, KnowledgeProperties properties,
            Clock clock, @Value("${spring.datasource.url:}") String databaseUrl) {
        this.store = store;
        this.files = files;
        this.embeddings = embeddings;
        this.properties = properties;
        this.clock = clock;
        this.dataFolder = properties.index().folder(databaseUrl);
        this.vectorSearch = new VectorSearch(properties.index(), dataFolder, embeddings.id());
    }

    @Override
    public void start() {
        running = true;
        List<LabelledText> sources = readSources();
        Set<String> teams = new HashSet<>(store.teams());
        sources.forEach(text -> teams.add(text.team()));
        declaredTeams = Set.copyOf(teams);
        Thread.ofPlatform().name("knowledge-loader").daemon().start(() -> {
            loadUntilDone(sources);
            catchUp();
        });
    }

    @Override
    public void stop() {
        running = false;
        synchronized (indexLock) {
            vectorSearch.close();
        }
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
        return index.examples().size();
    }

    /**
     * Changes whenever the examples change: one added, forgotten, or relabelled by an agent's correction. Models
     * trained on the knowledge base compare it to know when to retrain.
     */
    public long generation() {
        return generation.get();
    }

    /** How many indexed examples carry {@code team}. */
    public int examplesOf(String team) {
        return index.teamSizes().getOrDefault(team, 0);
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
    public List<Entry> entries() {
        Index current = index;
        List<Entry> entries = new ArrayList<>(current.examples().size());
        for (int i = 0; i < current.vectors().length; i++) {
            entries.add(new Entry(current.examples().get(i), current.vectors()[i]));
        }
        return entries;
    }

    /**
     * Embeds and stores labelled examples that are not stored yet, and indexes them. A running service on the
     * same database picks them up within {@code triage.knowledge.poll-interval}.
     */
    public ImportResult importExamples(List<LabelledCsv.Row> rows, String source, IntConsumer progress) {
        List<LabelledText> texts = rows.stream().map(row -> new LabelledText(row.label(), row.title(),
                row.description(), Priority.parse(row.priority()).orElse(null),
                Level.parse(row.level()).orElse(null), source)).toList();
        return add(texts, progress);
    }

    /** Reads team JSON files ({@code <Team>.json}) and imports their examples. */
    public ImportResult importFiles(List<Path> jsonFiles, IntConsumer progress) throws IOException {
        List<LabelledText> texts = new ArrayList<>();
        for (Path file : jsonFiles) {
            try (InputStream in = Files.newInputStream(file)) {
                texts.addAll(files.read(in, file.getFileName().toString(), "import"));
            }
        }
        return add(texts, progress);
    }

    private ImportResult add(List<LabelledText> texts, IntConsumer progress) {
        synchronized (importLock) {
            Set<String> known = store.hashes(embeddings.id());
            List<StoredExample> added = new ArrayList<>();
            int skipped = 0;
            for (LabelledText text : texts) {
                String hash = text.contentHash(embeddings.id());
                if (!known.add(hash)) {
                    skipped++;
                    continue;
                }
                float[] vector = embeddings.embed(TicketText.of(text.title(), text.description()));
                added.add(store.insert(text, hash, embeddings.id(), vector, clock.instant()));
                progress.accept(added.size());
            }
            append(added);
            return new ImportResult(added.size(), skipped);
        }
    }

    /** Indexes examples stored by other processes (an import, another instance) since the last look. */
    void refresh() {
        append(store.findAfter(embeddings.id(), lastSeenId));
    }

    private void append(List<StoredExample> added) {
        if (added.isEmpty()) {
            return;
        }
        synchronized (indexLock) {
            appendLocked(added);
        }
    }

    private void appendLocked(List<StoredExample> added) {
        Index current = index;
        Set<Long> present = new HashSet<>();
        added.forEach(e -> present.add(e.example().id()));
        List<StoredExample> all = new ArrayList<>(current.examples().size() + added.size());
        for (int i = 0; i < current.vectors().length; i++) {
            if (!present.contains(current.examples().get(i).id())) {
                all.add(new StoredExample(current.examples().get(i), current.vectors()[i]));
            }
        }
        all.addAll(added);
        vectorSearch.changed(present, added);
        index = build(all);
        vectorSearch.prepare(all.size(), () -> index.snapshot(), indexLock);
        generation.incrementAndGet();
        lastSeenId = Math.max(lastSeenId, added.stream().mapToLong(e -> e.example().id()).max().orElse(0));
        log.info("Knowledge base now holds {} examples ({} added)", all.size(), added.size());
    }

    private void catchUp() {
        long interval = properties.pollInterval().toMillis();
        while (running && interval > 0) {
            try {
                Thread.sleep(interval);
                refresh();
                synchronized (indexLock) {
                    vectorSearch.commit();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("Could not look for new examples: {}", e.getMessage());
            }
        }
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
     * Embeds a text. The last few hundred texts are remembered, because a ticket's text is embedded by the
     * classifier and then needed again, for duplicates and incidents, a moment later.
     */
    public float[] embed(String text) {
        synchronized (recentEmbeddings) {
            float[] known = recentEmbeddings.get(text);
            if (known != null) {
                return known;
            }
        }
        float[] vector = embeddings.embed(text);
        synchronized (recentEmbeddings) {
            recentEmbeddings.put(text, vector);
        }
        return vector;
    }

    /** A labelled example given through the API or an import. */
    public record NewExample(String team, String title, String description, @Nullable Priority priority,
            @Nullable Level level) {
    }

    /**
     * Learns from a ticket, replacing what was learnt from it before. Runs in the caller's transaction; the
     * index sees the example as soon as that commits, so the very next classification can use it.
     */
    @Transactional
    public void learnFromTicket(long ticketId, String team, String title, String description,
            @Nullable Priority priority, @Nullable Level level) {
        store.deleteByTicket(ticketId);
        LabelledText text = new LabelledText(team, title, description, priority, level, "ticket", ticketId);
        float[] vector = embeddings.embed(TicketText.of(title, description));
        StoredExample stored = store.insert(text, text.contentHash(embeddings.id()), embeddings.id(), vector,
                clock.instant());
        AfterCommit.run(() -> replace(ticketId, stored));
    }

    /** Forgets what was learnt from a ticket, for instance because it was reopened. */
    @Transactional
    public void forgetTicket(long ticketId) {
        if (store.deleteByTicket(ticketId)) {
            AfterCommit.run(() -> replace(ticketId, null));
        }
    }

    /** Adds examples, embedding each once; returns how many were new. Their teams become routable at once. */
    @Transactional
    public int addExamples(List<NewExample> examples, String source) {
        Set<String> known = store.hashes(embeddings.id());
        List<StoredExample> added = new ArrayList<>();
        for (NewExample example : examples) {
            LabelledText text = new LabelledText(example.team().strip(), example.title().strip(),
                    example.description() == null ? "" : example.description().strip(), example.priority(),
                    example.level(), source);
            String hash = text.contentHash(embeddings.id());
            if (known.add(hash)) {
                float[] vector = embeddings.embed(TicketText.of(text.title(), text.description()));
                added.add(store.insert(text, hash, embeddings.id(), vector, clock.instant()));
            }
        }
        AfterCommit.run(() -> append(added));
        return added.size();
    }

    /** Every example in the index, for export. */
    public List<Example> examples() {
        return index.examples();
    }

    /**
     * The {@code k} examples most similar to {@code query}, most similar first. Small knowledge bases are scanned
     * exactly; large ones are searched in the similarity graph, whose hits are then scored with the exact vectors.
     */
    public List<Neighbour> nearest(float[] query, int k) {
        Index current = index;
        if (vectorSearch.useGraph(current.examples().size())) {
            try {
                return searchGraph(current, query, k);
            } catch (AlreadyClosedException e) {
                // Shutting down: the graph closed under this search.
            }
        }
        return scan(current.examples(), current.vectors(), query, k);
    }

    /** Exact search: compares the query with every vector. */
    static List<Neighbour> scan(List<Example> examples, float[][] vectors, float[] query, int k) {
        PriorityQueue<Neighbour> best = new PriorityQueue<>(Comparator.comparingDouble(Neighbour::similarity));
        for (int i = 0; i < vectors.length; i++) {
            double similarity = Vectors.dot(query, vectors[i]);
            if (best.size() < k) {
                best.add(new Neighbour(examples.get(i), similarity));
            } else if (similarity > best.peek().similarity()) {
                best.poll();
                best.add(new Neighbour(examples.get(i), similarity));
            }
        }
        List<Neighbour> result = new ArrayList<>(best);
        result.sort(Comparator.comparingDouble(Neighbour::similarity).reversed());
        return result;
    }

    /** How many changes the similarity graph caught up with when it was opened; -1 while searches scan. */
    int graphChangesAtOpen() {
        return vectorSearch.changedAtOpen();
    }

    private List<Neighbour> searchGraph(Index current, float[] query, int k) {
        // A few extra hits cover ids the graph already holds and this snapshot does not yet, or no longer does.
        List<Neighbour> found = new ArrayList<>(k + 4);
        for (SimilarityIndex.Hit hit : vectorSearch.nearest(query, k + 4)) {
            Integer at = current.positions().get(hit.id());
            if (at != null) {
                found.add(new Neighbour(current.examples().get(at), Vectors.dot(query, current.vectors()[at])));
            }
        }
        found.sort(Comparator.comparingDouble(Neighbour::similarity).reversed());
        return found.size() > k ? List.copyOf(found.subList(0, k)) : found;
    }

    /**
     * Loads, and after a failure (the database locked by another process, or unreachable, for a while) tries again
     * with growing waits: a passing fault at start must not leave the service routing everything to Manual Review
     * until the next restart. Examples stored before the failure are kept and not embedded again. Until the load
     * succeeds, classify jobs wait, then fail and retry, and in the end go to Manual Review.
     */
    private void loadUntilDone(List<LabelledText> sources) {
        long waitMillis = 500;
        while (running && !load(sources)) {
            log.warn("Retrying to load the knowledge base in {} ms", waitMillis);
            try {
                Thread.sleep(waitMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            waitMillis = Math.min(waitMillis * 2, 30_000);
        }
    }

    private boolean load(List<LabelledText> sources) {
        try {
            long start = System.nanoTime();
            List<StoredExample> stored = new ArrayList<>(store.findAll(embeddings.id()));
            Set<String> known = store.hashes(embeddings.id());
            int added = 0;
            for (LabelledText text : sources) {
                String hash = text.contentHash(embeddings.id());
                if (known.add(hash)) {
                    float[] vector = embeddings.embed(TicketText.of(text.title(), text.description()));
                    stored.add(store.insert(text, hash, embeddings.id(), vector, clock.instant()));
                    added++;
                }
            }
            synchronized (indexLock) {
                index = build(stored);
                generation.incrementAndGet();
                lastSeenId = stored.stream().mapToLong(e -> e.example().id()).max().orElse(0);
                vectorSearch.prepare(stored.size(), () -> index.snapshot(), indexLock);
            }
            log.info("Knowledge base ready: {} examples in {} teams ({} embedded now) in {} ms", stored.size(),
                    index.teams().size(), added, (System.nanoTime() - start) / 1_000_000);
            ready.countDown();
            return true;
        } catch (RuntimeException e) {
            log.error("Knowledge base could not be loaded; tickets wait for it, and go to Manual Review if it takes "
                    + "too long", e);
            return false;
        }
    }

    private List<LabelledText> readSources() {
        List<LabelledText> sources = new ArrayList<>();
        if (properties.starterSet()) {
            try {
                for (Resource resource : new PathMatchingResourcePatternResolver().getResources(STARTER_SET)) {
                    try (InputStream in = resource.getInputStream()) {
                        sources.addAll(files.read(in, resource.getFilename(), "starter"));
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException("The starter knowledge set in the jar is unreadable", e);
            }
        }
        Path dir = properties.dir();
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> jsonFiles = Files.newDirectoryStream(dir, "*.json")) {
                for (Path file : jsonFiles) {
                    try (InputStream in = Files.newInputStream(file)) {
                        sources.addAll(files.read(in, file.getFileName().toString(), "file"));
                    } catch (IOException e) {
                        log.warn("Skipping knowledge file {}: {}", file, e.getMessage());
                    }
                }
            } catch (IOException e) {
                log.warn("Cannot read knowledge folder {}: {}", dir, e.getMessage());
            }
        }
        return sources;
    }

    private void replace(long ticketId, @Nullable StoredExample replacement) {
        synchronized (indexLock) {
            replaceLocked(ticketId, replacement);
        }
    }

    private void replaceLocked(long ticketId, @Nullable StoredExample replacement) {
        List<StoredExample> kept = new ArrayList<>(index.examples().size() + 1);
        List<Long> removed = new ArrayList<>();
        Index current = index;
        for (int i = 0; i < current.examples().size(); i++) {
            Example example = current.examples().get(i);
            if (example.ticketId() == null || example.ticketId() != ticketId) {
                kept.add(new StoredExample(example, current.vectors()[i]));
            } else {
                removed.add(example.id());
            }
        }
        if (replacement != null) {
            kept.add(replacement);
        }
        vectorSearch.changed(removed, replacement == null ? List.of() : List.of(replacement));
        index = build(kept);
        generation.incrementAndGet();
        vectorSearch.prepare(kept.size(), () -> index.snapshot(), indexLock);
    }

    private static Index build(List<StoredExample> stored) {
        List<Example> examples = new ArrayList<>(stored.size());
        float[][] vectors = new float[stored.size()][];
        Map<String, Integer> teamSizes = new HashMap<>();
        Map<Long, Integer> positions = HashMap.newHashMap(stored.size());
        for (int i = 0; i < stored.size(); i++) {
            examples.add(stored.get(i).example());
            vectors[i] = stored.get(i).vector();
            teamSizes.merge(stored.get(i).example().team(), 1, Integer::sum);
            positions.put(stored.get(i).example().id(), i);
        }
        return new Index(List.copyOf(examples), vectors, Map.copyOf(teamSizes), positions);
    }
}
