package io.tickettriage.system;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Creation budgets kept in this process's memory: the budgets of the single-process setup, and what an API process
 * of the scale-out setup falls back to while Redis cannot be reached.
 */
final class LocalCreationBudgets implements CreationBudgets {

    private static final int MAX_TRACKED_CLIENTS = 100_000;

    private final int perMinute;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    LocalCreationBudgets(int perMinute, Clock clock) {
        this.perMinute = perMinute;
        this.clock = clock;
    }

    private static final class Bucket {
        double tokens;
        long updatedMillis;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updatedMillis = now;
        }
    }

    @Override
    public long take(String client) {
        long now = clock.millis();
        if (buckets.size() > MAX_TRACKED_CLIENTS) {
            buckets.values().removeIf(bucket -> now - bucket.updatedMillis > 60_000);
            if (buckets.size() > MAX_TRACKED_CLIENTS) {
                // A flood of distinct clients (made-up tokens cost nothing): memory stays bounded at the price of
                // forgetting the current budgets once, rather than growing with the number of keys an attacker makes.
                buckets.clear();
            }
        }
        Bucket bucket = buckets.computeIfAbsent(client, key -> new Bucket(perMinute, now));
        synchronized (bucket) {
            double refill = (now - bucket.updatedMillis) * perMinute / 60_000d;
            bucket.tokens = Math.min(perMinute, bucket.tokens + refill);
            bucket.updatedMillis = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - bucket.tokens) * 60_000d / perMinute);
        }
    }
}
