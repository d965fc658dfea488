package io.tickettriage.jobs;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.lettuce.core.Consumer;
import io.lettuce.core.RedisBusyException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.XReadArgs.StreamOffset;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * The Redis stream that announces due jobs to the workers of all processes: one consumer group, so that each
 * message goes to one worker, which acknowledges it when the job is finished. A message stays pending while
 * its worker runs the job; the message of a worker that died is claimed by another after an idle time.
 */
final class JobStream {

    static final String KEY = "triage:jobs";
    static final String GROUP = "triage-workers";
    /** Bounds the stream's memory; acknowledged messages are the ones trimmed in practice. */
    private static final long MAX_LENGTH = 100_000;
    private static final XAddArgs ADD = XAddArgs.Builder.maxlen(MAX_LENGTH).approximateTrimming();

    private JobStream() {
    }

    static Map<String, String> message(JobKey key) {
        return Map.of("type", key.type(), "subject", Long.toString(key.subjectId()));
    }

    static JobKey key(StreamMessage<String, String> message) {
        Map<String, String> body = message.getBody();
        return new JobKey(body.get("type"), Long.parseLong(body.get("subject")));
    }

    static void add(RedisCommands<String, String> redis, JobKey key) {
        redis.xadd(KEY, ADD, message(key));
    }

    static io.lettuce.core.RedisFuture<String> addAsync(RedisAsyncCommands<String, String> redis, JobKey key) {
        return redis.xadd(KEY, ADD, message(key));
    }

    /**
     * Creates the group if it does not exist. It starts from the stream's first entry, so that messages added
     * before it existed (Redis restarted empty, then a relay sent the backlog) are read too.
     */
    static void ensureGroup(RedisCommands<String, String> redis) {
        try {
            redis.xgroupCreate(StreamOffset.from(KEY, "0-0"), GROUP, XGroupCreateArgs.Builder.mkstream());
        } catch (RedisBusyException alreadyThere) {
            // another worker created it
        }
    }

    static List<StreamMessage<String, String>> read(RedisCommands<String, String> redis, String consumer,
            Duration block) {
        return redis.xreadgroup(Consumer.from(GROUP, consumer), XReadArgs.Builder.block(block).count(1),
                StreamOffset.lastConsumed(KEY));
    }

    /**
     * The messages this consumer read but has not acknowledged: after a failed or timed-out read, Redis may
     * have handed one over while the answer never arrived.
     */
    static List<StreamMessage<String, String>> readOwnPending(RedisCommands<String, String> redis, String consumer) {
        return redis.xreadgroup(Consumer.from(GROUP, consumer), XReadArgs.Builder.count(50),
                StreamOffset.from(KEY, "0-0"));
    }

    /** Takes over messages that another consumer read but has not acknowledged for {@code minIdle}. */
    static List<StreamMessage<String, String>> claimAbandoned(RedisCommands<String, String> redis,
            String consumer, Duration minIdle) {
        XAutoClaimArgs<String> args = new XAutoClaimArgs<String>().consumer(Consumer.from(GROUP, consumer))
                .minIdleTime(minIdle).startId("0-0").count(50);
        return redis.xautoclaim(KEY, args).getMessages();
    }

    static void acknowledge(RedisCommands<String, String> redis, StreamMessage<String, String> message) {
        redis.xack(KEY, GROUP, message.getId());
    }

    static boolean isMissingGroup(RuntimeException e) {
        return e.getMessage() != null && e.getMessage().contains("NOGROUP");
    }
}
