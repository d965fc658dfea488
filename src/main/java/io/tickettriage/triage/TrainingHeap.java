package io.tickettriage.triage;

import java.util.Locale;

/**
 * What training a linear model takes from the heap, and what to say when the heap is too small for it. A model
 * holds one weight per label and feature column (liblinear keeps them as doubles), so a history of many teams needs
 * far more than its rows do: 75 teams over 96,000 columns make 54 MB a model, where 5 teams make 4 MB. Training
 * holds one model per thread while the folds are fitted, plus the final one.
 */
final class TrainingHeap {

    private static final long MB = 1024 * 1024;

    private TrainingHeap() {
    }

    /** The bytes of one model's weights: one row of doubles per label (one row in all for two labels). */
    static long modelBytes(int labels, int columns) {
        return 8L * (labels > 2 ? labels : 1) * (columns + 1L);
    }

    /**
     * How many folds to fit at once: as many as asked, but no more than the free heap holds beside the final model,
     * and at least one.
     */
    static int threads(int wanted, long modelBytes, long maxHeap, long usedHeap) {
        long free = maxHeap - usedHeap;
        long fitting = free / Math.max(1, modelBytes) - 1;
        return (int) Math.max(1, Math.min(wanted, fitting));
    }

    /**
     * Why training ran out of heap, and the heap to start with instead: what was in use when the folds began plus
     * three models' room, rounded up to 64 MB.
     */
    static String advice(int rows, int labels, int columns, long maxHeap, long usedHeap) {
        long model = modelBytes(labels, columns);
        long suggested = ((usedHeap + 3 * model) / (64 * MB) + 1) * 64;
        return String.format(Locale.ROOT, "the heap is too small to train on %,d examples of %d labels: each model "
                + "holds %d x %,d weights (%,d MB) and training holds at least two at once, beside the %,d MB in use "
                + "before it; the heap's limit is %,d MB. Give the process a larger heap, e.g. JAVA_OPTS=-Xmx%dm "
                + "(docs/operations.md#memory)", rows, labels, labels > 2 ? labels : 1, columns + 1L, model / MB,
                usedHeap / MB, maxHeap / MB, suggested);
    }

    /** Training stopped for want of heap; the message says how much to give. */
    static final class Exhausted extends IllegalStateException {

        Exhausted(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
