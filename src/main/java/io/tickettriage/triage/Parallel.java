package io.tickettriage.triage;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Spreads {@code eval}'s per-row work (embedding, scoring, the LLM stage) over a fixed number of threads, keeping the
 * rows' order: the figures are computed over rows by index.
 */
final class Parallel {

    private Parallel() {
    }

    /** Applies {@code work} to every item on {@code threads} threads; the results are in the items' order. */
    static <S, T> List<T> map(List<S> items, int threads, Function<S, T> work) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            int chunk = Math.max(1, (items.size() + threads - 1) / threads);
            List<Future<List<T>>> parts = new ArrayList<>();
            for (int from = 0; from < items.size(); from += chunk) {
                List<S> slice = items.subList(from, Math.min(items.size(), from + chunk));
                parts.add(pool.submit(() -> slice.stream().map(work).toList()));
            }
            List<T> result = new ArrayList<>(items.size());
            for (Future<List<T>> part : parts) {
                result.addAll(part.get());
            }
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
