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
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import java.util.function.IntConsumer;

import io.tickettriage.knowledge.ExampleStore.StoredExample;
import io.tickettriage.ticket.Level;
import io.tickettriage.ticket.Priority;
import io.tickettriage.ticket.TeamCatalog;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Service;

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

    private record Index(List<Example> examples, float[][] vectors, Map<String, Integer> teamSizes) {

        static final Index EMPTY = new Index(List.of(), new float[0][], Map.of());

        Set<String> teams() {
            return teamSizes.keySet();
        }
    }

    private final ExampleStore store;
    private final KnowledgeFiles files;
    private final EmbeddingModel embeddings;
    private final KnowledgeProperties properties;
    private final Clock clock;
    private final CountDownLatch ready = new CountDownLatch(1);
    private volatile Index index = Index.EMPTY;
    private volatile Set<String> declaredTeams = Set.of();
    private volatile boolean running;
    private volatile long lastSeenId;
    private final Object writeLock = new Object();

    KnowledgeBase(ExampleStore store, KnowledgeFiles files, EmbeddingModel embeddings, KnowledgeProperties properties,
            Clock clock) {
        this.store = store;
        this.files = files;
        this.embeddings = embeddings;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void start() {
        running = true;
        List<LabelledText> sources = readSources();
        Set<String> teams = new HashSet<>(store.teams());
        sources.forEach(text -> teams.add(text.team()));
        declaredTeams = Set.copyOf(teams);
        Thread.ofPlatform().name("knowledge-loader").daemon().start(() -> {
            load(sources);
            catchUp();
        });
    }

    @Override
    public void stop() {
        running = false;
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

    /** How many indexed examples carry {@code team}. */
    public int examplesOf(String team) {
        return index.teamSizes().getOrDefault(team, 0);
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
        synchronized (writeLock) {
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
        synchronized (writeLock) {
            append(store.findAfter(embeddings.id(), lastSeenId));
        }
    }

    private void append(List<StoredExample> added) {
        if (added.isEmpty()) {
            return;
        }
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
        index = build(all);
        lastSeenId = Math.max(lastSeenId, added.stream().mapToLong(e -> e.example().id()).max().orElse(0));
        log.info("Knowledge base now holds {} examples ({} added)", all.size(), added.size());
    }

    private void catchUp() {
        long interval = properties.pollInterval().toMillis();
        while (running && interval > 0) {
            try {
                Thread.sleep(interval);
                refresh();
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

    public float[] embed(String text) {
        return embeddings.embed(text);
    }

    /** The {@code k} examples most similar to {@code query}, most similar first. */
    public List<Neighbour> nearest(float[] query, int k) {
        Index current = index;
        PriorityQueue<Neighbour> best = new PriorityQueue<>(Comparator.comparingDouble(Neighbour::similarity));
        for (int i = 0; i < current.vectors().length; i++) {
            double similarity = dot(query, current.vectors()[i]);
            if (best.size() < k) {
                best.add(new Neighbour(current.examples().get(i), similarity));
            } else if (similarity > best.peek().similarity()) {
                best.poll();
                best.add(new Neighbour(current.examples().get(i), similarity));
            }
        }
        List<Neighbour> result = new ArrayList<>(best);
        result.sort(Comparator.comparingDouble(Neighbour::similarity).reversed());
        return result;
    }

    private void load(List<LabelledText> sources) {
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
            synchronized (writeLock) {
                index = build(stored);
                lastSeenId = stored.stream().mapToLong(e -> e.example().id()).max().orElse(0);
            }
            log.info("Knowledge base ready: {} examples in {} teams ({} embedded now) in {} ms", stored.size(),
                    index.teams().size(), added, (System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException e) {
            log.error("Knowledge base could not be loaded; tickets will go to Manual Review", e);
        } finally {
            ready.countDown();
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

    private static Index build(List<StoredExample> stored) {
        List<Example> examples = new ArrayList<>(stored.size());
        float[][] vectors = new float[stored.size()][];
        Map<String, Integer> teamSizes = new HashMap<>();
        for (int i = 0; i < stored.size(); i++) {
            examples.add(stored.get(i).example());
            vectors[i] = stored.get(i).vector();
            teamSizes.merge(stored.get(i).example().team(), 1, Integer::sum);
        }
        return new Index(List.copyOf(examples), vectors, Map.copyOf(teamSizes));
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
