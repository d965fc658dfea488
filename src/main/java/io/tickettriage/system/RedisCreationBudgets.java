package io.tickettriage.system;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creation budgets kept in Redis, shared by every API process of a scale-out deployment: behind a load balancer a
 * client gets the limit once, not once per process. One Lua script takes from a bucket atomically, on Redis's clock,
 * so processes whose clocks differ still refill a bucket at the same pace; a bucket left alone expires once it would
 * be full again.
 *
 * <p>While Redis cannot be reached, tickets are still accepted (the job queue keeps them in the database, as it does
 * then): each process counts on its own {@link LocalCreationBudgets} instead, so the limit still holds per process,
 * and the shared budgets take over again when Redis answers.
 */
final class RedisCreationBudgets implements CreationBudgets {

    private static final Logger log = LoggerFactory.getLogger(RedisCreationBudgets.class);
    static final String KEY_PREFIX = "triage:creation-budget:";
    private static final Duration WARN_EVERY = Duration.ofMinutes(1);

    /** KEYS[1] the bucket; ARGV[1] the limit per minute. Returns 0, or the milliseconds until a token is there. */
    static final String TAKE = """
            local limit = tonumber(ARGV[1])
            local time = redis.call('TIME')
            local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
            local state = redis.call('HMGET', KEYS[1], 'tokens', 'updated')
            local tokens = tonumber(state[1])
            local updated = tonumber(state[2])
            if tokens == nil or updated == nil then
              tokens = limit
              updated = now
            end
            if now > updated then
              tokens = math.min(limit, tokens + (now - updated) * limit / 60000)
              updated = now
            end
            local wait = 0
            if tokens >= 1 then
              tokens = tokens - 1
            else
              wait = math.ceil((1 - tokens) * 60000 / limit)
            end
            redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'updated', tostring(updated))
            redis.call('PEXPIRE', KEYS[1], 120000)
            return wait
            """;

    private final RedisConnections redis;
    private final int perMinute;
    private final LocalCreationBudgets fallback;
    private final Clock clock;
    private final AtomicLong lastWarning = new AtomicLong(Long.MIN_VALUE);
    private volatile String digest;

    RedisCreationBudgets(RedisConnections redis, int perMinute, Clock clock) {
        this.redis = redis;
        this.perMinute = perMinute;
        this.clock = clock;
        this.fallback = new LocalCreationBudgets(perMinute, clock);
    }

    @Override
    public long take(String client) {
        String[] key = {KEY_PREFIX + client};
        String limit = Integer.toString(perMinute);
        try {
            RedisCommands<String, String> commands = redis.shared().sync();
            String sha = digest;
            if (sha != null) {
                try {
                    Long wait = commands.evalsha(sha, ScriptOutputType.INTEGER, key, limit);
                    return wait == null ? 0 : wait;
                } catch (RedisNoScriptException e) {
                    // Redis restarted (or its script cache was flushed): load the script again below.
                }
            }
            digest = commands.scriptLoad(TAKE);
            Long wait = commands.evalsha(digest, ScriptOutputType.INTEGER, key, limit);
            return wait == null ? 0 : wait;
        } catch (RedisException e) {
            warn(e);
            return fallback.take(client);
        }
    }

    private void warn(RedisException e) {
        long now = clock.millis();
        long last = lastWarning.get();
        if ((last == Long.MIN_VALUE || now - last >= WARN_EVERY.toMillis()) && lastWarning.compareAndSet(last, now)) {
            log.warn("Redis at {} did not answer ({}); the creation rate limit is counted by this process alone "
                    + "until it does", redis.address(), e.getMessage());
        }
    }
}
