package io.tickettriage.system;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
    private static final Logger log = LoggerFactory.getLogger(RedisConnections.class);

    private final RedisClient client;
    private final String redacted;
    private StatefulRedisConnection<String, String> shared;
    private final List<StatefulRedisPubSubConnection<String, String>> subscriptions = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService subscriber = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("redis-subscriber").daemon(true).factory());

    /** A client for {@code url} ({@code redis://...}); it connects on first use. */
    public RedisConnections(String url) {
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

    /**
     * Publishes on the shared connection and waits until Redis has taken the message, at most {@code wait}.
     *
     * @throws RedisException when Redis did not take it in time (unreachable, refused, no answer)
     */
    public void publish(String channel, String message, Duration wait) {
        try {
            shared().async().publish(channel, message).toCompletableFuture().get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RedisException("interrupted while publishing", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw cause instanceof RedisException redis ? redis : new RedisException(cause.getMessage(), cause);
        } catch (TimeoutException e) {
            throw new RedisException("no answer within " + wait.toMillis() + " ms", e);
        }
    }

    /**
     * Hands every message published on {@code channel} to {@code listener}, for as long as this process runs. Returns
     * at once: the subscription is made in the background and tried again every second while Redis is away; after a
     * lost connection the client resubscribes by itself. Messages of one publishing connection arrive in the order
     * they were published, on the client's thread, so the listener must be quick. Pub/sub keeps nothing: what is
     * published while this process is not subscribed never reaches it.
     *
     * @param what what the channel carries, for the log ("live events")
     */
    public void subscribe(String channel, Consumer<String> listener, String what) {
        subscriber.execute(() -> subscribeNow(channel, listener, what));
    }

    private void subscribeNow(String channel, Consumer<String> listener, String what) {
        try {
            StatefulRedisPubSubConnection<String, String> connection = client.connectPubSub();
            connection.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String from, String message) {
                    listener.accept(message);
                }
            });
            connection.sync().subscribe(channel);
            subscriptions.add(connection);
            log.info("Receiving {} from Redis", what);
        } catch (RedisException e) {
            log.warn("Cannot subscribe to {} in Redis yet ({}); retrying", what, e.getMessage());
            subscriber.schedule(() -> subscribeNow(channel, listener, what), 1, TimeUnit.SECONDS);
        }
    }

    /** Host, port and database, without credentials, for logs. */
    public String address() {
        return redacted;
    }

    @Override
    public void destroy() {
        subscriber.shutdownNow();
        subscriptions.forEach(StatefulRedisPubSubConnection::close);
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
