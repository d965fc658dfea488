package io.tickettriage.system;

/**
 * The per-client budgets behind the creation rate limit: a token bucket per key holding up to the limit, refilled at
 * the limit per minute. {@link LocalCreationBudgets} keeps them in this process; with {@code REDIS_URL} set,
 * {@link RedisCreationBudgets} keeps them in Redis, so that every API process draws on the same budget.
 */
interface CreationBudgets {

    /** Takes one creation from {@code client}'s budget; returns 0 when there was one, else milliseconds to wait. */
    long take(String client);
}
