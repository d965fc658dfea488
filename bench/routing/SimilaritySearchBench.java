import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.Executors;

import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene103.Lucene103Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;

/**
 * Similarity search at scale: Lucene HNSW over N synthetic 384-d unit vectors (clustered like sentence
 * embeddings of tickets: 2,000 topics with noise), k = 7 nearest as the engine asks for. Prints build time,
 * query latency percentiles (single thread, after warm-up) and recall against exact search.
 *
 * usage: java -Xmx6g --add-modules jdk.incubator.vector -cp "target/classes:$(cat target/classpath.txt)" \
 *            bench/routing/SimilaritySearchBench.java [N] [index-dir]      (-Dcandidates=100)
 */
public class SimilaritySearchBench {

    static final int DIMS = 384;
    static final int K = 7;
    /** Candidates explored per query (HNSW's ef): more costs time and buys recall. */
    static final int CANDIDATES = Integer.getInteger("candidates", 100);

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path dir = Path.of(args.length > 1 ? args[1] : "target/bench-hnsw-" + n);
        Random random = new Random(42);
        float[][] centres = new float[2_000][];
        for (int c = 0; c < centres.length; c++) {
            centres[c] = unit(gaussian(random, 1f));
        }
        // Vectors are regenerated from their seed, so 1,000,000 x 384 floats never sit in the heap twice.
        boolean fresh = !Files.exists(dir.resolve("segments_1")) && !hasSegments(dir);
        long start = System.nanoTime();
        if (fresh) {
            var executor = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
            IndexWriterConfig config = new IndexWriterConfig().setRAMBufferSizeMB(1_024)
                    .setCodec(new Lucene103Codec() {
                        @Override
                        public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                            return new Lucene99HnswVectorsFormat(16, 100,
                                    Runtime.getRuntime().availableProcessors(), executor);
                        }
                    });
            try (IndexWriter writer = new IndexWriter(FSDirectory.open(dir), config)) {
                for (int i = 0; i < n; i++) {
                    Document doc = new Document();
                    doc.add(new KnnFloatVectorField("v", vector(centres, i), VectorSimilarityFunction.DOT_PRODUCT));
                    doc.add(new StoredField("id", i));
                    writer.addDocument(doc);
                    if ((i + 1) % 100_000 == 0) {
                        System.out.printf("indexed %,d (%.0f s)%n", i + 1, (System.nanoTime() - start) / 1e9);
                    }
                }
                writer.forceMerge(1);
            }
            executor.shutdown();
            System.out.printf("built HNSW index of %,d vectors (M=16, beam=100) in %.0f s%n", n,
                    (System.nanoTime() - start) / 1e9);
        }
        try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(dir))) {
            IndexSearcher searcher = new IndexSearcher(reader);
            System.out.printf("opened index: %,d vectors, %d segment(s) in %.0f ms%n", reader.numDocs(),
                    reader.leaves().size(), (System.nanoTime() - start) / 1e6);
            Random queries = new Random(7);
            for (int i = 0; i < 500; i++) {
                searcher.search(new KnnFloatVectorQuery("v", query(centres, queries), CANDIDATES), K);
            }
            int measured = 2_000;
            long[] nanos = new long[measured];
            for (int i = 0; i < measured; i++) {
                float[] q = query(centres, queries);
                long t = System.nanoTime();
                searcher.search(new KnnFloatVectorQuery("v", q, CANDIDATES), K);
                nanos[i] = System.nanoTime() - t;
            }
            Arrays.sort(nanos);
            System.out.printf("k=%d (%d candidates) search over %,d vectors: p50 %.2f ms, p99 %.2f ms, mean %.2f ms (%d queries, one thread)%n",
                    K, CANDIDATES, n, nanos[measured / 2] / 1e6, nanos[measured * 99 / 100] / 1e6,
                    Arrays.stream(nanos).average().orElse(0) / 1e6, measured);

            // Recall against exact search on a sample of queries (exact search regenerates every vector).
            int checks = 10;
            double found = 0;
            for (int qi = 0; qi < checks; qi++) {
                float[] q = query(centres, queries);
                TopDocs approx = searcher.search(new KnnFloatVectorQuery("v", q, CANDIDATES), K);
                int[] exact = exact(centres, q, n);
                for (ScoreDoc hit : approx.scoreDocs) {
                    int id = searcher.storedFields().document(hit.doc).getField("id").numericValue().intValue();
                    for (int e : exact) {
                        found += e == id ? 1 : 0;
                    }
                }
            }
            System.out.printf("recall@%d vs exact search: %.3f (%d queries)%n", K, found / (checks * K), checks);
        }
    }

    static boolean hasSegments(Path dir) throws java.io.IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (var files = Files.list(dir)) {
            return files.anyMatch(f -> f.getFileName().toString().startsWith("segments_"));
        }
    }

    static float[] vector(float[][] centres, int i) {
        Random r = new Random(1_000_003L * i + 17);
        float[] centre = centres[r.nextInt(centres.length)];
        float[] v = gaussian(r, 0.05f);
        for (int d = 0; d < DIMS; d++) {
            v[d] += centre[d];
        }
        return unit(v);
    }

    static float[] query(float[][] centres, Random r) {
        float[] centre = centres[r.nextInt(centres.length)];
        float[] v = gaussian(r, 0.05f);
        for (int d = 0; d < DIMS; d++) {
            v[d] += centre[d];
        }
        return unit(v);
    }

    static int[] exact(float[][] centres, float[] q, int n) {
        int[] best = new int[K];
        float[] scores = new float[K];
        Arrays.fill(scores, Float.NEGATIVE_INFINITY);
        for (int i = 0; i < n; i++) {
            float[] v = vector(centres, i);
            float s = 0;
            for (int d = 0; d < DIMS; d++) {
                s += v[d] * q[d];
            }
            int worst = 0;
            for (int j = 1; j < K; j++) {
                if (scores[j] < scores[worst]) {
                    worst = j;
                }
            }
            if (s > scores[worst]) {
                scores[worst] = s;
                best[worst] = i;
            }
        }
        return best;
    }

    static float[] gaussian(Random r, float sigma) {
        float[] v = new float[DIMS];
        for (int d = 0; d < DIMS; d++) {
            v[d] = (float) r.nextGaussian() * sigma;
        }
        return v;
    }

    static float[] unit(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int d = 0; d < v.length; d++) {
            v[d] *= scale;
        }
        return v;
    }
}
