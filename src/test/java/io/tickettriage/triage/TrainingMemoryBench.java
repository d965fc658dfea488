package io.tickettriage.triage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import de.bwaldvogel.liblinear.Feature;

import io.tickettriage.knowledge.LabelledCsv;

/**
 * Memory of training the routing model on a large history: the heap the training rows hold, and the peak heap of
 * the heap in use during a whole training run as the service does it (one thread, team model). The texts come from a labelled CSV; each
 * row gets a random unit vector in place of its embedding, which takes the same memory as a real one. Not a test:
 * run it by hand (bench/README.md).
 *
 * <p>usage: {@code java -Xmx2g -cp target/test-classes:target/classes:$(cat target/classpath.txt)
 * io.tickettriage.triage.TrainingMemoryBench FILE.csv TEXT_COL LABEL_COL [train]}
 */
public final class TrainingMemoryBench {

    public static void main(String[] args) throws Exception {
        LabelledCsv.Rows rows = LabelledCsv.read(Path.of(args[0]), List.of(args[1].split(",")), args[2], null, null);
        Random random = new Random(1);
        List<LinearRouter.Sample> samples = new ArrayList<>();
        for (LabelledCsv.Row row : rows.rows()) {
            float[] vector = new float[384];
            double norm = 0;
            for (int d = 0; d < vector.length; d++) {
                vector[d] = (float) random.nextGaussian();
                norm += vector[d] * vector[d];
            }
            for (int d = 0; d < vector.length; d++) {
                vector[d] /= (float) Math.sqrt(norm);
            }
            samples.add(new LinearRouter.Sample(row.text(), vector, row.label()));
        }
        LexicalFeatures features = LexicalFeatures.fit(samples.stream().map(LinearRouter.Sample::text).toList());
        long before = usedAfterGc();
        Feature[][] built = RouterFeatures.trainingRows(features, samples, 384, 1.0);
        long after = usedAfterGc();
        long cells = 0;
        for (Feature[] row : built) {
            cells += row.length;
        }
        System.out.printf("%,d rows, %,d lexical columns, %.0f features per row; the rows hold %,d MB of heap%n",
                built.length, features.dimensions(), (double) cells / built.length, (after - before) >> 20);
        built = null;
        if (args.length > 3 && args[3].equals("train")) {
            usedAfterGc();
            AtomicLong peak = new AtomicLong();
            Thread sampler = Thread.ofPlatform().daemon().start(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    peak.accumulateAndGet(Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory(),
                            Math::max);
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            long start = System.nanoTime();
            LinearRouter router = LinearRouter.train(samples,
                    new LinearRouter.Settings(5, 0.9, 5, 1.0, 0.5, 1), System.out::println);
            sampler.interrupt();
            System.out.printf("trained %d labels in %.0f s; heap in use at most %,d MB (sampled every 20 ms; "
                    + "max heap %,d MB)%n", router.labels().size(), (System.nanoTime() - start) / 1e9,
                    peak.get() >> 20, Runtime.getRuntime().maxMemory() >> 20);
        }
    }

    private static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
    }

}
