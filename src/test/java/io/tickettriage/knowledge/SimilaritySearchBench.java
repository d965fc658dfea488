package io.tickettriage.knowledge;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Similarity search at scale through the product's own index ({@link SimilarityIndex}, the graph the knowledge
 * base searches from {@code triage.knowledge.index.min-examples} on) over N synthetic 384-d unit vectors,
 * clustered like sentence embeddings of tickets (2,000 topics with noise). Asks for k = 7 + 4 hits as the
 * knowledge base does, and prints build time, query latency percentiles (one thread, after warm-up) and recall
 * of the 7 nearest against an exact scan. Not a test: run it by hand (bench/README.md).
 *
 * <p>usage: {@code java -Xmx2g --add-modules jdk.incubator.vector -cp target/test-classes:target/classes:$(cat
 * target/classpath.txt) io.tickettriage.knowledge.SimilaritySearchBench [N] [index-dir]}, with
 * {@code -Dquantized=false}, {@code -Dcandidates=100}, {@code -Dm=16}, {@code -Dbeam=100}.
 */
public final class SimilaritySearchBench {

    static final int DIMS = 384;
    static final int K = 7;

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        SimilarityIndex.Settings settings = new SimilarityIndex.Settings(Integer.getInteger("m", 16),
                Integer.getInteger("beam", 100), Integer.getInteger("candidates", 100),
                Boolean.parseBoolean(System.getProperty("quantized", "true")));
        if (Boolean.getBoolean("scan")) {
            scan(n);
            return;
        }
        Path dir = Path.of(args.length > 1 ? args[1] : "target/bench-index-" + n);
        Random random = new Random(42);
        float[][] centres = new float[2_000][];
        for (int c = 0; c < centres.length; c++) {
            centres[c] = unit(gaussian(random, 1f));
        }
        System.out.printf("%s, %d cores, max heap %d MB%n", settings, Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        long start = System.nanoTime();
        boolean fresh = !Files.isDirectory(dir);
        try (SimilarityIndex index = SimilarityIndex.open(dir, settings)) {
            if (fresh) {
                // Vectors are regenerated from their seed, so 1,000,000 x 384 floats never sit in the heap.
                for (int i = 0; i < n; i++) {
                    index.add(i, vector(centres, i));
                    if ((i + 1) % 100_000 == 0) {
                        System.out.printf("added %,d (%.0f s)%n", i + 1, (System.nanoTime() - start) / 1e9);
                    }
                }
                index.refresh();
                System.out.printf("added %,d vectors in %.0f s; merging into one segment%n", n,
                        (System.nanoTime() - start) / 1e9);
                index.optimize();
                index.commit(Map.of(SimilarityIndex.MODEL, "synthetic"));
                System.out.printf("built in %.0f s%n", (System.nanoTime() - start) / 1e9);
            } else {
                System.out.printf("opened %,d vectors in %.0f ms%n", index.size(), (System.nanoTime() - start) / 1e6);
            }
            Random queries = new Random(7);
            for (int i = 0; i < 1_000; i++) {
                index.nearest(query(centres, queries), K + 4);
            }
            int measured = 5_000;
            long[] nanos = new long[measured];
            for (int i = 0; i < measured; i++) {
                float[] q = query(centres, queries);
                long t = System.nanoTime();
                index.nearest(q, K + 4);
                nanos[i] = System.nanoTime() - t;
            }
            Arrays.sort(nanos);
            System.out.printf("search over %,d vectors: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, "
                    + "max %.2f ms, mean %.2f ms (%,d queries, one thread)%n", index.size(), nanos[measured / 2] / 1e6,
                    nanos[measured * 9 / 10] / 1e6, nanos[measured * 99 / 100] / 1e6,
                    nanos[measured * 999 / 1000] / 1e6, nanos[measured - 1] / 1e6,
                    Arrays.stream(nanos).average().orElse(0) / 1e6, measured);

            // Recall of the 7 nearest after exact re-scoring of the hits, as the knowledge base does.
            int checks = 10;
            double found = 0;
            for (int qi = 0; qi < checks; qi++) {
                float[] q = query(centres, queries);
                List<Long> approx = index.nearest(q, K + 4).stream()
                        .sorted((a, b) -> Double.compare(Vectors.dot(q, vector(centres, (int) b.id())),
                                Vectors.dot(q, vector(centres, (int) a.id()))))
                        .limit(K).map(SimilarityIndex.Hit::id).toList();
                for (int e : exact(centres, q, n)) {
                    found += approx.contains((long) e) ? 1 : 0;
                }
            }
            System.out.printf("recall@%d vs exact search: %.3f (%d queries)%n", K, found / (checks * K), checks);
        }
    }

    /** The exact scan the knowledge base uses below {@code min-examples}, over vectors held in memory. */
    static void scan(int n) {
        Random random = new Random(42);
        float[][] centres = new float[2_000][];
        for (int c = 0; c < centres.length; c++) {
            centres[c] = unit(gaussian(random, 1f));
        }
        float[][] vectors = new float[n][];
        List<Example> examples = new java.util.ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            vectors[i] = vector(centres, i);
            examples.add(new Example(i, "Team", "title", "", null, null, "bench"));
        }
        Random queries = new Random(7);
        for (int i = 0; i < 300; i++) {
            ExampleIndex.scan(examples, vectors, query(centres, queries), K);
        }
        int measured = 1_000;
        long[] nanos = new long[measured];
        for (int i = 0; i < measured; i++) {
            float[] q = query(centres, queries);
            long t = System.nanoTime();
            ExampleIndex.scan(examples, vectors, q, K);
            nanos[i] = System.nanoTime() - t;
        }
        Arrays.sort(nanos);
        System.out.printf("exact scan of %,d vectors: p50 %.2f ms, p99 %.2f ms, mean %.2f ms (%,d queries)%n", n,
                nanos[measured / 2] / 1e6, nanos[measured * 99 / 100] / 1e6,
                Arrays.stream(nanos).average().orElse(0) / 1e6, measured);
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
        double[] scores = new double[K];
        Arrays.fill(scores, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < n; i++) {
            double s = Vectors.dot(vector(centres, i), q);
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
