package io.tickettriage.knowledge;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import io.tickettriage.knowledge.KnowledgeBase.Neighbour;

import org.apache.lucene.store.AlreadyClosedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The examples in memory, as an immutable snapshot swapped on every change so that searches never wait for a
 * writer, and the search over them: an exact scan while the knowledge base is small, the persistent similarity
 * graph (see {@link VectorSearch}) once it is large.
 */
final class ExampleIndex {

    private static final Logger log = LoggerFactory.getLogger(ExampleIndex.class);

    private record Snapshot(List<Example> examples, float[][] vectors, Map<String, Integer> teamSizes,
            Map<Long, Integer> positions) {

        static final Snapshot EMPTY = new Snapshot(List.of(), new float[0][], Map.of(), Map.of());

        static Snapshot of(List<EmbeddedExample> stored) {
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
            return new Snapshot(List.copyOf(examples), vectors, Map.copyOf(teamSizes), positions);
        }

        VectorSearch.Snapshot ids() {
            return new VectorSearch.Snapshot(examples.stream().mapToLong(Example::id).toArray(), vectors);
        }
    }

    private final VectorSearch vectorSearch;
    private final AtomicLong generation = new AtomicLong();
    private final AtomicLong retractions = new AtomicLong();
    // Guards only the in-memory swap and the graph, never held while the database is used: code running after a
    // commit takes it while its thread still holds a connection, and SQLite has one.
    private final Object lock = new Object();
    private volatile Snapshot snapshot = Snapshot.EMPTY;

    ExampleIndex(KnowledgeProperties.Index settings, Path folder, String modelId) {
        this.vectorSearch = new VectorSearch(settings, folder, modelId);
    }

    /** Replaces everything held with {@code stored}: the load at start. */
    void replaceAll(List<EmbeddedExample> stored) {
        synchronized (lock) {
            snapshot = Snapshot.of(stored);
            generation.incrementAndGet();
            vectorSearch.prepare(stored.size(), () -> snapshot.ids(), lock);
        }
    }

    /**
     * Removes the examples with ids {@code removed} and adds (or replaces) {@code added}, in one swap. Ids not held,
     * and examples held already, are no change; returns whether anything changed.
     */
    boolean apply(Collection<Long> removed, List<EmbeddedExample> added) {
        if (removed.isEmpty() && added.isEmpty()) {
            return false;
        }
        synchronized (lock) {
            Snapshot current = snapshot;
            Set<Long> dropped = new HashSet<>();
            removed.stream().filter(current.positions()::containsKey).forEach(dropped::add);
            Set<Long> gone = Set.copyOf(removed);
            List<EmbeddedExample> news = added.stream()
                    .filter(e -> !current.positions().containsKey(e.example().id()) && !gone.contains(e.example().id()))
                    .toList();
            if (dropped.isEmpty() && news.isEmpty()) {
                return false;
            }
            List<EmbeddedExample> all = new ArrayList<>(current.examples().size() + news.size());
            for (int i = 0; i < current.vectors().length; i++) {
                if (!dropped.contains(current.examples().get(i).id())) {
                    all.add(new EmbeddedExample(current.examples().get(i), current.vectors()[i]));
                }
            }
            all.addAll(news);
            vectorSearch.changed(dropped, news);
            snapshot = Snapshot.of(all);
            generation.incrementAndGet();
            if (!dropped.isEmpty()) {
                retractions.incrementAndGet();
            }
            vectorSearch.prepare(all.size(), () -> snapshot.ids(), lock);
            log.debug("Knowledge base now holds {} examples ({} added, {} removed)", all.size(), news.size(),
                    dropped.size());
            return true;
        }
    }

    /** Changes whenever the examples change; see {@link KnowledgeBase#generation()}. */
    long generation() {
        return generation.get();
    }

    /** Changes whenever an example is removed; see {@link KnowledgeBase#retractions()}. */
    long retractions() {
        return retractions.get();
    }

    int size() {
        return snapshot.examples().size();
    }

    boolean contains(long exampleId) {
        return snapshot.positions().containsKey(exampleId);
    }

    Set<String> teams() {
        return snapshot.teamSizes().keySet();
    }

    int examplesOf(String team) {
        return snapshot.teamSizes().getOrDefault(team, 0);
    }

    List<Example> examples() {
        return snapshot.examples();
    }

    /** Every example with its vector, in the order they were stored. */
    List<EmbeddedExample> entries() {
        Snapshot current = snapshot;
        List<EmbeddedExample> entries = new ArrayList<>(current.examples().size());
        for (int i = 0; i < current.vectors().length; i++) {
            entries.add(new EmbeddedExample(current.examples().get(i), current.vectors()[i]));
        }
        return entries;
    }

    /**
     * The {@code k} examples most similar to {@code query}, most similar first. Small knowledge bases are scanned
     * exactly; large ones are searched in the similarity graph, whose hits are then scored with the exact vectors.
     */
    List<Neighbour> nearest(float[] query, int k) {
        Snapshot current = snapshot;
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

    private List<Neighbour> searchGraph(Snapshot current, float[] query, int k) {
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

    /** How many changes the similarity graph caught up with when it was opened; -1 while searches scan. */
    int graphChangesAtOpen() {
        return vectorSearch.changedAtOpen();
    }

    /** Writes the graph's changes to disk. */
    void commit() {
        synchronized (lock) {
            vectorSearch.commit();
        }
    }

    void close() {
        synchronized (lock) {
            vectorSearch.close();
        }
    }
}
