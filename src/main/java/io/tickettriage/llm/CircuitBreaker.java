package io.tickettriage.llm;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Stops calling an endpoint that keeps failing. Closed, it lets every call through and counts consecutive
 * failures; after {@code threshold} of them it opens and refuses calls for the cool-down; then it lets exactly
 * one probe through (half-open): a success closes it, a failure opens it for another cool-down.
 */
final class CircuitBreaker {

    enum State { CLOSED, OPEN, HALF_OPEN }

    private final int threshold;
    private final long coolDownNanos;
    private final LongSupplier nanoTime;
    private State state = State.CLOSED;
    private int failures;
    private long openUntil;

    CircuitBreaker(int threshold, Duration coolDown, LongSupplier nanoTime) {
        this.threshold = threshold;
        this.coolDownNanos = coolDown.toNanos();
        this.nanoTime = nanoTime;
    }

    /** Whether a call may go out now; when it returns true the caller must report how the call ended. */
    synchronized boolean tryAcquire() {
        return switch (state) {
            case CLOSED -> true;
            case HALF_OPEN -> false;
            case OPEN -> {
                if (nanoTime.getAsLong() - openUntil < 0) {
                    yield false;
                }
                state = State.HALF_OPEN;
                yield true;
            }
        };
    }

    synchronized void onSuccess() {
        state = State.CLOSED;
        failures = 0;
    }

    /** Returns true when this failure opened the breaker. */
    synchronized boolean onFailure() {
        failures++;
        if (state == State.HALF_OPEN || failures >= threshold) {
            state = State.OPEN;
            openUntil = nanoTime.getAsLong() + coolDownNanos;
            return true;
        }
        return false;
    }

    synchronized int consecutiveFailures() {
        return failures;
    }

    /** The call ended without saying anything about the endpoint (interrupted, or never sent). */
    synchronized void onAbandoned() {
        if (state == State.HALF_OPEN) {
            state = State.OPEN;
        }
    }

    synchronized State state() {
        return state;
    }

    synchronized Duration remainingCoolDown() {
        return state == State.OPEN ? Duration.ofNanos(Math.max(0, openUntil - nanoTime.getAsLong())) : Duration.ZERO;
    }
}
