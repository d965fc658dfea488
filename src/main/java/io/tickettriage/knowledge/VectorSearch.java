package io.tickettriage.knowledge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.apache.lucene.store.LockObtainFailedException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the persistent similarity graph in step with the knowledge base and says when searches may use it.
 *
 * <p>The examples table is the truth. At start, and when the knowledge base first grows past
 * {@code minExamples}, the graph is opened and reconciled with it in the background: ids it lacks are added,
 * ids no longer stored (forgotten or relabelled tickets) are deleted, and vectors of another embedding model
 * are thrown away. Until that is done the knowledge base scans its vectors exactly, so start-up never waits for
 * the graph. After that every change is applied to the graph before the knowledge base shows it, and changes
 * are committed to disk every poll interval and at shutdown; a crash between commits is repaired by the next
 * start's reconciliation.
 */
final class VectorSearch {

    private static final Logger log = LoggerFactory.getLogger(VectorSearch.class);
    private static final String EXAMPLES = "examples";

    /** What the knowledge base holds at one moment: ids and vectors, in the same order. */
    record Snapshot(long[] ids, float[][] vectors) {
    }

    private final KnowledgeProperties.Index settings;
    private final Path dir;
    private final String modelId;
    private final AtomicBoolean building = new AtomicBoolean();
    private volatile @Nullable SimilarityIndex graph;
    private volatile int changedAtOpen = -1;
    private boolean dirty;
    private boolean closed;

    VectorSearch(KnowledgeProperties.Index settings, Path dir, String modelId) {
        this.settings = settings;
        this.dir = dir;
        this.modelId = modelId;
    }

    /** Whether searches should ask the graph rather than scan. */
    boolean useGraph(int size) {
        return graph != null && size >= settings.minExamples();
    }

    /**
     * How many documents the graph needed to add or delete to match the examples table when it was opened, or
     * -1 while it is not in use.
     */
    int changedAtOpen() {
        return graph == null ? -1 : changedAtOpen;
    }

    List<SimilarityIndex.Hit> nearest(float[] query, int k) {
        SimilarityIndex current = graph;
        return current == null ? List.of() : current.nearest(query, k);
    }

    /**
     * Builds or catches up the graph in a background thread if the knowledge base is large enough and no graph is
     * in use yet. {@code snapshot} gives the current examples; {@code lock} is the knowledge base's index lock,
     * held for the final catch-up so that no change slips between it and the switch to the graph.
     */
    void prepare(int size, Supplier<Snapshot> snapshot, Object lock) {
        if (graph != null || size < settings.minExamples() || !building.compareAndSet(false, true)) {
            return;
        }
        Thread.ofPlatform().name("knowledge-index").daemon().start(() -> {
            try {
                build(snapshot, lock);
            } finally {
                building.set(false);
            }
        });
    }

    private void build(Supplier<Snapshot> snapshot, Object lock) {
        long start = System.nanoTime();
        SimilarityIndex opened;
        try {
            Files.createDirectories(dir);
            opened = SimilarityIndex.open(dir, settings.settings());
        } catch (LockObtainFailedException e) {
            log.warn("Similarity index {} is in use by another process; searching by exact scan. Give each process "
                    + "its own TRIAGE_KNOWLEDGE_INDEX_DIR.", dir);
            return;
        } catch (IOException | RuntimeException e) {
            log.warn("Similarity index {} could not be opened ({}); searching by exact scan", dir, e.toString());
            return;
        }
        try {
            if (!modelId.equals(opened.committed().getOrDefault(SimilarityIndex.MODEL, modelId))) {
                log.info("Similarity index {} holds vectors of another embedding model; rebuilding it", dir);
                opened.clear();
                opened.refresh();
            }
            // Most of the work happens outside the lock, then the changes made meanwhile are caught up under it.
            int changed = reconcile(opened, snapshot.get());
            if (changed > 1_000) {
                opened.optimize();
            }
            synchronized (lock) {
                if (closed) {
                    opened.close();
                    return;
                }
                changed += reconcile(opened, snapshot.get());
                opened.commit(commitData(opened));
                graph = opened;
                changedAtOpen = changed;
            }
            log.info("Similarity index ready: {} examples ({} changed since its last commit) in {} ms, at {}",
                    opened.size(), changed, (System.nanoTime() - start) / 1_000_000, dir);
        } catch (IOException | RuntimeException e) {
            log.warn("Similarity index {} could not be brought up to date ({}); searching by exact scan", dir,
                    e.toString());
            try {
                opened.close();
            } catch (IOException ignored) {
                // already failing
            }
        }
    }

    /** Makes the graph hold exactly the snapshot's ids; returns how many documents it added or deleted. */
    private static int reconcile(SimilarityIndex index, Snapshot snapshot) {
        long[] indexed = index.ids();
        Arrays.sort(indexed);
        long[] wanted = snapshot.ids().clone();
        Arrays.sort(wanted);
        List<Long> extra = new ArrayList<>();
        int i = 0;
        for (long id : indexed) {
            while (i < wanted.length && wanted[i] < id) {
                i++;
            }
            if (i >= wanted.length || wanted[i] != id) {
                extra.add(id);
            }
        }
        index.delete(extra);
        int added = 0;
        for (int at = 0; at < snapshot.ids().length; at++) {
            if (Arrays.binarySearch(indexed, snapshot.ids()[at]) < 0) {
                index.add(snapshot.ids()[at], snapshot.vectors()[at]);
                added++;
            }
        }
        index.refresh();
        return extra.size() + added;
    }

    /** Applies a change; the caller holds the knowledge base's index lock. */
    void changed(Collection<Long> removed, List<EmbeddedExample> added) {
        SimilarityIndex current = graph;
        if (current == null) {
            return;
        }
        current.delete(removed);
        added.forEach(example -> current.add(example.example().id(), example.vector()));
        current.refresh();
        dirty = true;
    }

    /** Writes the changes since the last commit to disk; the caller holds the knowledge base's index lock. */
    void commit() {
        SimilarityIndex current = graph;
        if (current != null && dirty) {
            current.commit(commitData(current));
            dirty = false;
        }
    }

    /** Commits and closes; the caller holds the knowledge base's index lock. */
    void close() {
        closed = true;
        SimilarityIndex current = graph;
        graph = null;
        if (current != null) {
            try {
                current.commit(commitData(current));
                current.close();
            } catch (IOException | RuntimeException e) {
                log.warn("Similarity index {} was not closed cleanly ({}); the next start repairs it", dir,
                        e.toString());
            }
        }
    }

    private Map<String, String> commitData(SimilarityIndex index) {
        return Map.of(SimilarityIndex.MODEL, modelId, EXAMPLES, Integer.toString(index.size()));
    }
}
