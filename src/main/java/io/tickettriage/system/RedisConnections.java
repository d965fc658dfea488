package io.tickettriage.system;

import java.time.Duration;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;

import org.springframework.beans.factory.DisposableBean;

/**
 * The connection to Redis in the scale-out mode ({@code REDIS_URL}). Commands fail at once while Redis is
 * unreachable instead of piling up in memory: callers keep their work in the database and try again, and the
 * client reconnects by itself when Redis returns.
 */
public final class RedisConnections implements DisposableBean {

    /** A condition for beans of the scale-out mode: {@code REDIS_URL} is set. */
    public static final String CONFIGURED = "!'${triage.service.redis-url:}'.isBlank()";

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);

    private final RedisClient client;
    private final String redacted;
    private StatefulRedisConnection<String, String> shared;

    RedisConnections(String url) {
        RedisURI uri = RedisURI.create(url);
        uri.setTimeout(COMMAND_TIMEOUT);
        this.redacted = uri.getHost() + ":" + uri.getPort() + "/" + uri.getDatabase();
        this.client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled())
                .build());
    }

    /**
     * The connection shared by quick commands. Commands sent on it run in the order they were sent, which
     * keeps a ticket's {@code ticket_created} event ahead of its job. Connects on first use, so that the
     * process starts while Redis is away.
     */
    public synchronized StatefulRedisConnection<String, String> shared() {
        if (shared == null) {
            shared = client.connect();
        }
        return shared;
    }

    /**
     * A connection of the caller's own, for commands that block (reading a stream); {@code timeout} must
     * exceed the longest block.
     */
    public StatefulRedisConnection<String, String> open(Duration timeout) {
        StatefulRedisConnection<String, String> connection = client.connect();
        connection.setTimeout(timeout);
        return connection;
    }

    public StatefulRedisPubSubConnection<String, String> openPubSub() {
        return client.connectPubSub();
    }

    /** Host, port and database, without credentials, for logs. */
    public String address() {
        return redacted;
    }

    @Override
    public void destroy() {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
