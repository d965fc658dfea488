package io.tickettriage.access;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

import io.lettuce.core.RedisException;
import io.tickettriage.system.RedisConnections;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * In the scale-out mode ({@code REDIS_URL}), tells every process at once that a token was revoked or a session ended,
 * so that none keeps answering for it from its cache of recent lookups. Without Redis, or while Redis is away, the
 * other processes see the change when their cached lookup is older than {@link AccessTokens#CACHE_MILLIS} (10 s),
 * as they always do; the process that made the change forgets at once either way.
 */
@Component
@ConditionalOnExpression(RedisConnections.CONFIGURED)
class EndedCredentialsBroadcast {

    static final String CHANNEL = "triage:credentials-ended";
    private static final Logger log = LoggerFactory.getLogger(EndedCredentialsBroadcast.class);
    private static final Duration PUBLISH_WAIT = Duration.ofSeconds(2);

    private final RedisConnections redis;

    EndedCredentialsBroadcast(RedisConnections redis, AccessTokens tokens) {
        this.redis = redis;
        redis.subscribe(CHANNEL, message -> tokens.forget(decode(message)), "ended tokens and sessions");
    }

    /** Published once the change is committed (or at once, when it was made outside a transaction). */
    @TransactionalEventListener(fallbackExecution = true)
    void publish(CredentialsEnded ended) {
        try {
            redis.publish(CHANNEL, encode(ended.ids()), PUBLISH_WAIT);
        } catch (RedisException e) {
            log.warn("Could not tell the other processes through Redis that credentials {} ended ({}); they stop "
                    + "accepting them within {} s", ended.ids(), e.getMessage(), AccessTokens.CACHE_MILLIS / 1000);
        }
    }

    static String encode(Set<Long> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    static Set<Long> decode(String message) {
        Set<Long> ids = new LinkedHashSet<>();
        for (String id : message.split(",")) {
            try {
                ids.add(Long.parseLong(id.strip()));
            } catch (NumberFormatException e) {
                log.warn("Ignored a malformed message on {}", CHANNEL);
                return Set.of();
            }
        }
        return ids;
    }
}
