package io.tickettriage.realtime;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.lettuce.core.RedisException;
import io.tickettriage.system.RedisConnections;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * Fan-out across processes through Redis pub/sub. Every event is published, wherever it was committed (an API
 * process for a new ticket, a worker for its routing); every process that serves clients subscribes and hands
 * what it receives to its own clients through the local fan-out, in the order Redis delivers, which is the
 * order of publishing on one connection.
 *
 * <p>Pub/sub keeps nothing: an event published while Redis is away, or while a process is disconnected from
 * it, is lost for the live clients (the database has the change; a client that reconnects reloads).
 */
final class RedisEventBroadcaster implements EventBroadcaster, DisposableBean {

    static final String CHANNEL = "triage:events";
    private static final Logger log = LoggerFactory.getLogger(RedisEventBroadcaster.class);

    private final RedisConnections redis;
    private final LocalEventBroadcaster local;
    private volatile boolean publishFailing;
    /** How long a change waits for Redis to take its event before it is given up as lost for live clients. */
    static final Duration PUBLISH_WAIT = Duration.ofSeconds(2);

    /**
     * @param subscribe whether this process has clients to serve (not a worker)
     */
    RedisEventBroadcaster(RedisConnections redis, LocalEventBroadcaster local, boolean subscribe) {
        this.redis = redis;
        this.local = local;
        if (subscribe) {
            redis.subscribe(CHANNEL, message -> local.broadcast(decode(message)), "live events");
        }
    }

    /**
     * Publishes, and waits until Redis has taken the event (at most {@link #PUBLISH_WAIT}). A worker marks a job
     * done right after its change was committed and announced; were the event still queued in this process, a
     * worker killed at that moment would lose it for good, since a job already done is not run again to announce
     * its change. On loopback the wait is a fraction of a millisecond.
     */
    @Override
    public void broadcast(LiveEvent event) {
        try {
            redis.publish(CHANNEL, encode(event), PUBLISH_WAIT);
            publishFailing = false;
        } catch (RedisException e) {
            publishFailed(event, e);
        }
    }

    private void publishFailed(LiveEvent event, Throwable failure) {
        if (!publishFailing) {
            publishFailing = true;
            log.warn("Live events are not reaching Redis ({}); {} and later events are lost for live clients "
                    + "until it returns", failure.getMessage(), event.name());
        }
    }

    /**
     * Three lines, or four: the name; who may hear it ({@code A} for agents only, else {@code E}, then the ticket
     * owner's name URL-encoded so that it holds no line break, empty when there is none); then the payload, which
     * is one line of JSON; then, when the owner hears less than agents, the owner's payload. The audience must
     * cross Redis too: without it a requester's connection on another API process would hear of nothing, or of
     * everything.
     */
    static String encode(LiveEvent event) {
        String owner = event.owner() == null ? "" : URLEncoder.encode(event.owner(), StandardCharsets.UTF_8);
        return event.name() + "\n" + (event.agentsOnly() ? "A" : "E") + owner + "\n" + event.data()
                + (event.ownerData() == null ? "" : "\n" + event.ownerData());
    }

    static LiveEvent decode(String message) {
        int first = message.indexOf('\n');
        int second = message.indexOf('\n', first + 1);
        int third = message.indexOf('\n', second + 1);
        String audience = message.substring(first + 1, second);
        String owner = audience.length() > 1 ? URLDecoder.decode(audience.substring(1), StandardCharsets.UTF_8) : null;
        String data = third < 0 ? message.substring(second + 1) : message.substring(second + 1, third);
        String ownerData = third < 0 ? null : message.substring(third + 1);
        return new LiveEvent(message.substring(0, first), data, owner, audience.startsWith("A"), ownerData);
    }

    @Override
    public void destroy() throws InterruptedException {
        local.destroy();
    }
}
