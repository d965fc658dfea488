package io.tickettriage.realtime;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * How many live connections this process holds, in all and per address or caller, against their bounds. Every
 * connection costs memory for as long as it is open (buffers, a writer thread, its backlog), so an anonymous client
 * that opens thousands of them must be refused before they exhaust the heap: a Socket.IO handshake takes a place of
 * the total and of its address's share until it identifies itself; a caller who joins, or opens an event stream,
 * takes one of their own share.
 */
final class LiveConnections {

    /** Why a connection was refused. */
    enum Refusal {
        /** This process holds as many connections as it may: 503, try later or another process. */
        FULL,
        /** This address or caller holds its share: 429. */
        SHARE_USED
    }

    /** One place taken; released once, however often {@link #release()} is called. */
    static final class Place {

        private final Runnable release;
        private final Runnable releaseShare;
        private final AtomicBoolean released = new AtomicBoolean();
        private final AtomicBoolean shareReleased = new AtomicBoolean();

        private Place(Runnable release) {
            this(() -> { }, release);
        }

        private Place(Runnable releaseShare, Runnable releaseTotal) {
            this.releaseShare = releaseShare;
            this.release = releaseTotal;
        }

        /**
         * Gives back the address's share and keeps the place in the total: the connection has identified itself and
         * counts against its caller's share from now on. Many users behind one proxy share an address.
         */
        void identified() {
            if (shareReleased.compareAndSet(false, true)) {
                releaseShare.run();
            }
        }

        void release() {
            identified();
            if (released.compareAndSet(false, true)) {
                release.run();
            }
        }
    }

    /** A place, or the reason there is none. */
    record Admission(@Nullable Place place, @Nullable Refusal refusal) {

        boolean admitted() {
            return place != null;
        }
    }

    private final int total;
    private final int perAddress;
    private final int perCaller;
    private final AtomicInteger open = new AtomicInteger();
    private final Map<String, AtomicInteger> byAddress = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> byCaller = new ConcurrentHashMap<>();

    LiveConnections(int total, int perAddress, int perCaller) {
        this.total = total;
        this.perAddress = perAddress;
        this.perCaller = perCaller;
    }

    /** A new connection from an address, before anyone is identified: a place of the total and of the address. */
    Admission fromAddress(String address) {
        if (!take(open, total)) {
            return new Admission(null, Refusal.FULL);
        }
        if (!takeShare(byAddress, address, perAddress)) {
            open.decrementAndGet();
            return new Admission(null, Refusal.SHARE_USED);
        }
        return new Admission(new Place(() -> giveBack(byAddress, address), open::decrementAndGet), null);
    }

    /**
     * A caller's connection: a place of their share, and of the total unless it already holds one.
     *
     * @param caller whose share; null for no share (demo mode, where everyone is the same caller)
     */
    Admission forCaller(@Nullable String caller, boolean countsInTotal) {
        if (countsInTotal && !take(open, total)) {
            return new Admission(null, Refusal.FULL);
        }
        if (caller == null) {
            return new Admission(new Place(() -> {
                if (countsInTotal) {
                    open.decrementAndGet();
                }
            }), null);
        }
        if (!takeShare(byCaller, caller, perCaller)) {
            if (countsInTotal) {
                open.decrementAndGet();
            }
            return new Admission(null, Refusal.SHARE_USED);
        }
        return new Admission(new Place(() -> {
            giveBack(byCaller, caller);
            if (countsInTotal) {
                open.decrementAndGet();
            }
        }), null);
    }

    int open() {
        return open.get();
    }

    private static boolean take(AtomicInteger counter, int bound) {
        while (true) {
            int now = counter.get();
            if (bound > 0 && now >= bound) {
                return false;
            }
            if (counter.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    private static boolean takeShare(Map<String, AtomicInteger> shares, String key, int bound) {
        boolean[] taken = {false};
        shares.compute(key, (k, count) -> {
            AtomicInteger counter = count == null ? new AtomicInteger() : count;
            if (bound <= 0 || counter.get() < bound) {
                counter.incrementAndGet();
                taken[0] = true;
            }
            return counter.get() == 0 ? null : counter;
        });
        return taken[0];
    }

    private static void giveBack(Map<String, AtomicInteger> shares, String key) {
        shares.computeIfPresent(key, (k, count) -> count.decrementAndGet() <= 0 ? null : count);
    }
}
