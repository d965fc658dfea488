package io.tickettriage.knowledge;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene103.Lucene103Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;

/**
 * A persistent HNSW graph over example vectors (Lucene), so that similarity search stays fast when the knowledge
 * base holds far more examples than a linear scan can compare in a few milliseconds. Each document is one
 * example: its database id and its unit vector, compared by dot product (cosine for unit vectors).
 *
 * <p>The index lives in its own folder and survives restarts; its last commit records the embedding model and
 * the highest example id it holds, and {@link #ids()} lists what it holds, so the owner can reconcile it with
 * the examples table instead of rebuilding it. Writes must not run concurrently with each other; searches may
 * run at any time and see the writes once {@link #refresh()} has returned.
 */
final class SimilarityIndex implements Closeable {

    /** Graph settings: see {@link KnowledgeProperties.Index}. */
    record Settings(int maxConnections, int beamWidth, int candidates, boolean quantized) {
    }

    /** An example id and its similarity to the query as the index computed it (approximate when quantized). */
    record Hit(long id, double similarity) {
    }

    static final String MODEL = "model";
    private static final ExecutorService MERGE_WORKERS = Executors.newCachedThreadPool(
            Thread.ofPlatform().name("knowledge-index-merge-", 0).daemon().factory());
    private static final String ID = "id";
    private static final String VECTOR = "vector";

    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final Settings settings;

    private SimilarityIndex(IndexWriter writer, Settings settings) throws IOException {
        this.writer = writer;
        this.settings = settings;
        this.searchers = new SearcherManager(writer, new SearcherFactory());
    }

    /** Opens the index in {@code dir}, creating it if there is none. Fails if another process holds it. */
    static SimilarityIndex open(Path dir, Settings settings) throws IOException {
        // Merges rebuild graphs; with a worker per core a bulk load's final merge takes a fraction of the time.
        int workers = Runtime.getRuntime().availableProcessors();
        KnnVectorsFormat format = settings.quantized()
                ? new Lucene99HnswScalarQuantizedVectorsFormat(settings.maxConnections(), settings.beamWidth(),
                        workers, 7, false, null, MERGE_WORKERS)
                : new Lucene99HnswVectorsFormat(settings.maxConnections(), settings.beamWidth(), workers,
                        MERGE_WORKERS);
        IndexWriterConfig config = new IndexWriterConfig()
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                .setRAMBufferSizeMB(ramBufferMegabytes(Runtime.getRuntime().maxMemory()))
                .setCodec(new Lucene103Codec() {
                    @Override
                    public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                        return format;
                    }
                });
        return new SimilarityIndex(new IndexWriter(FSDirectory.open(dir), config), settings);
    }

    /**
     * Vectors added since the last flush are held in the heap, up to this much: an eighth of the heap, at least
     * 16 and at most 256 MB. A fixed 256 MB starved a 512 MB heap that also held the examples and the routing
     * model's training data, and the build of a 40,000-example index slowed from 35 s to minutes of collection.
     */
    static double ramBufferMegabytes(long maxHeapBytes) {
        return Math.clamp(maxHeapBytes / 8 / (1024 * 1024), 16, 256);
    }

    /** What the last commit recorded, for instance {@link #MODEL}; empty for a new index. */
    Map<String, String> committed() {
        Map<String, String> data = new HashMap<>();
        Iterable<Map.Entry<String, String>> live = writer.getLiveCommitData();
        if (live != null) {
            live.forEach(entry -> data.put(entry.getKey(), entry.getValue()));
        }
        return data;
    }

    /** The ids of every example in the index, as it was at the last {@link #refresh()}. */
    long[] ids() {
        return withSearcher(searcher -> {
            long[] ids = new long[searcher.getIndexReader().numDocs()];
            int at = 0;
            for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
                NumericDocValues values = leaf.reader().getNumericDocValues(ID);
                var live = leaf.reader().getLiveDocs();
                if (values == null) {
                    continue;
                }
                for (int doc = values.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = values.nextDoc()) {
                    if (live == null || live.get(doc)) {
                        ids[at++] = values.longValue();
                    }
                }
            }
            return at == ids.length ? ids : Arrays.copyOf(ids, at);
        });
    }

    int size() {
        return withSearcher(searcher -> searcher.getIndexReader().numDocs());
    }

    void add(long id, float[] vector) {
        Document doc = new Document();
        doc.add(new LongPoint(ID, id));
        doc.add(new NumericDocValuesField(ID, id));
        doc.add(new KnnFloatVectorField(VECTOR, vector, VectorSimilarityFunction.DOT_PRODUCT));
        try {
            writer.addDocument(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void delete(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        try {
            writer.deleteDocuments(LongPoint.newSetQuery(ID, ids));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes everything, for instance because the vectors came from another embedding model. */
    void clear() {
        try {
            writer.deleteAll();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes the writes so far visible to searches. */
    void refresh() {
        try {
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Merges into one segment: a search then walks one graph instead of one per segment. Worth it after a bulk
     * load; costs about as much as building the graph again.
     */
    void optimize() {
        try {
            writer.forceMerge(1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        refresh();
    }

    /** Makes the writes durable, with {@code data} as the commit's record. */
    void commit(Map<String, String> data) {
        try {
            writer.setLiveCommitData(data.entrySet());
            writer.commit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The (approximately) {@code k} most similar examples, most similar first. */
    List<Hit> nearest(float[] query, int k) {
        return withSearcher(searcher -> {
            TopDocs top = searcher.search(new KnnFloatVectorQuery(VECTOR, query, Math.max(k, settings.candidates())), k);
            List<Hit> hits = new ArrayList<>(top.scoreDocs.length);
            List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
            for (ScoreDoc hit : top.scoreDocs) {
                LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(hit.doc, leaves));
                NumericDocValues ids = leaf.reader().getNumericDocValues(ID);
                if (ids != null && ids.advanceExact(hit.doc - leaf.docBase)) {
                    // Lucene scores a dot product d as (1 + d) / 2.
                    hits.add(new Hit(ids.longValue(), 2.0 * hit.score - 1));
                }
            }
            return hits;
        });
    }

    @Override
    public void close() throws IOException {
        searchers.close();
        writer.close();
    }

    private interface SearcherWork<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    private <T> T withSearcher(SearcherWork<T> work) {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                return work.apply(searcher);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
