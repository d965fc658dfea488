package io.tickettriage.knowledge;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Fills the index at start (the stored examples with their vectors, then whatever the starter set and the
 * knowledge folder add), and afterwards keeps it in step with what other processes store and remove: an import
 * run beside the service, a ticket closed, relabelled, reopened or deleted through another API process.
 */
final class ExampleLoader {

    private static final Logger log = LoggerFactory.getLogger(ExampleLoader.class);
    private static final String STARTER_SET = "classpath*:knowledge/starter/*.json";
    private static final String STARTER_SOURCE = "starter";

    private final ExampleStore store;
    private final ExampleIngestion ingestion;
    private final ExampleIndex index;
    private final KnowledgeFiles files;
    private final KnowledgeProperties properties;
    private final String modelId;
    private volatile long lastSeenId;
    private volatile long lastRetraction;

    ExampleLoader(ExampleStore store, ExampleIngestion ingestion, ExampleIndex index, KnowledgeFiles files,
            KnowledgeProperties properties, String modelId) {
        this.store = store;
        this.ingestion = ingestion;
        this.index = index;
        this.files = files;
        this.properties = properties;
        this.modelId = modelId;
    }

    /**
     * Loads, and after a failure (the database locked by another process, or unreachable, for a while) tries again
     * with growing waits: a passing fault at start must not leave the service routing everything to Manual Review
     * until the next restart. Examples stored before the failure are kept and not embedded again. Until the load
     * succeeds, classify jobs wait, then fail and retry, and in the end go to Manual Review.
     */
    boolean loadUntilDone(List<LabelledText> sources, BooleanSupplier running) {
        long waitMillis = 500;
        while (running.getAsBoolean()) {
            if (load(sources)) {
                return true;
            }
            log.warn("Retrying to load the knowledge base in {} ms", waitMillis);
            try {
                Thread.sleep(waitMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            waitMillis = Math.min(waitMillis * 2, 30_000);
        }
        return false;
    }

    private boolean load(List<LabelledText> sources) {
        try {
            long start = System.nanoTime();
            // Read before the examples: a removal noted meanwhile is applied by the next catch-up.
            if (!properties.starterSet()) {
                // Turned off after it was stored: the teams are the operator's own (an imported helpdesk's groups)
                List<Long> removed = store.deleteBySource(STARTER_SOURCE, java.time.Instant.now());
                if (!removed.isEmpty()) {
                    log.info("The starter set is off (TRIAGE_KNOWLEDGE_STARTER_SET=false): {} starter examples "
                            + "stored before were removed", removed.size());
                }
            }
            lastRetraction = store.lastRetraction();
            List<EmbeddedExample> stored = new ArrayList<>(store.findAll(modelId));
            // After a change of embedding model, the examples stored with the old one are embedded again, once.
            List<EmbeddedExample> reembedded = ingestion.reembed(store.storedForOtherModels(modelId), count -> { });
            stored.addAll(reembedded);
            List<EmbeddedExample> added = ingestion.store(sources, count -> { }).added();
            stored.addAll(added);
            index.replaceAll(stored);
            lastSeenId = stored.stream().mapToLong(e -> e.example().id()).max().orElse(0);
            log.info("Knowledge base ready: {} examples in {} teams ({} new) in {} ms", index.size(),
                    index.teams().size(), added.size() + reembedded.size(), (System.nanoTime() - start) / 1_000_000);
            if (!reembedded.isEmpty()) {
                log.info("{} examples stored with another embedding model were embedded with {}", reembedded.size(),
                        modelId);
            }
            return true;
        } catch (RuntimeException e) {
            log.error("Knowledge base could not be loaded; tickets wait for it, and go to Manual Review if it takes "
                    + "too long", e);
            return false;
        }
    }

    /** Catches up every poll interval until {@code running} turns false; a poll interval of 0 turns it off. */
    void followWhile(BooleanSupplier running) {
        long interval = properties.pollInterval().toMillis();
        while (running.getAsBoolean() && interval > 0) {
            try {
                Thread.sleep(interval);
                catchUp();
                index.commit();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("Could not look for new or removed examples: {}", e.getMessage());
            }
        }
    }

    /**
     * Applies the examples stored and removed by any process since the last look. Ids are not committed in the
     * order they are handed out, so a count that does not match the database's is settled by comparing ids.
     */
    void catchUp() {
        List<ExampleStore.Retraction> retractions = store.retractionsAfter(lastRetraction);
        List<EmbeddedExample> added = store.findAfter(modelId, lastSeenId);
        if (index.apply(retractions.stream().map(ExampleStore.Retraction::exampleId).toList(), added)) {
            log.info("Knowledge base now holds {} examples ({} stored, {} removed since the last look)", index.size(),
                    added.size(), retractions.size());
        }
        retractions.stream().mapToLong(ExampleStore.Retraction::seq).max().ifPresent(seq -> lastRetraction = seq);
        added.stream().mapToLong(e -> e.example().id()).max().ifPresent(id -> lastSeenId = Math.max(lastSeenId, id));
        if (store.count(modelId) != index.size()) {
            reconcile();
        }
    }

    private void reconcile() {
        // What the index holds is read first: an example this process indexes meanwhile, after its commit, is
        // then in the table too and not taken for a removed one.
        Set<Long> held = new HashSet<>();
        index.examples().forEach(example -> held.add(example.id()));
        Set<Long> stored = store.ids(modelId);
        List<Long> gone = held.stream().filter(id -> !stored.contains(id)).toList();
        stored.removeAll(held);
        if (index.apply(gone, store.findByIds(stored))) {
            log.info("Knowledge base caught up with the database: {} examples ({} added, {} removed)", index.size(),
                    stored.size(), gone.size());
        }
    }

    /** The starter set in the jar (unless turned off) and the team files of the knowledge folder. */
    List<LabelledText> readSources() {
        List<LabelledText> sources = new ArrayList<>();
        if (properties.starterSet()) {
            try {
                for (Resource resource : new PathMatchingResourcePatternResolver().getResources(STARTER_SET)) {
                    try (InputStream in = resource.getInputStream()) {
                        sources.addAll(files.read(in, resource.getFilename(), STARTER_SOURCE));
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
}
