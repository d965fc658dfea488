package io.tickettriage.realtime;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Deque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.tickettriage.access.Caller;
import io.tickettriage.access.CallerResolution;
import io.tickettriage.access.Credential;
import io.tickettriage.system.ServiceUnavailableException;
import io.tickettriage.system.TooManyRequestsException;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter.SseEventBuilder;

/**
 * The Server-Sent Events streams of this process. Every event gets an id and is kept in a bounded buffer, so
 * that a client that reconnects with {@code Last-Event-ID} receives exactly what it missed. Ids start from the
 * start time, so those of an earlier run are always older than the buffer: such a client, or one that was
 * away for longer than the buffer covers, is told with {@code stream_reset} to reload instead.
 */
@Component
class SseStreams implements LocalClients, DisposableBean {

    static final String STREAM_RESET = "stream_reset";
    static final String ACCESS_ENDED = "access_ended";
    /** Queued last on a stream to be ended: the writer completes the response when it comes to it. */
    private static final SseEventBuilder COMPLETE = SseEmitter.event().comment("access ended");
    private static final Duration REFUSED_RETRY_AFTER = Duration.ofSeconds(5);

    private record Numbered(long id, LiveEvent event) {
    }

    private record Stream(SseEmitter emitter, Outbox<SseEventBuilder> outbox, Caller caller,
            @Nullable Credential credential) {
    }

    private final Deque<Numbered> recent = new ArrayDeque<>();
    private final Set<Stream> streams = ConcurrentHashMap.newKeySet();
    private final RealtimeProperties properties;
    private final LiveConnections live;
    private final ScheduledExecutorService keepAlive = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("sse-keep-alive").daemon(true).factory());
    private long lastId;

    SseStreams(RealtimeProperties properties, Clock clock, MeterRegistry meters, LiveConnections live) {
        this.properties = properties;
        this.live = live;
        this.lastId = clock.millis() * 1000;
        long period = properties.keepAlive().toMillis();
        keepAlive.scheduleAtFixedRate(this::keepAlive, period, period, TimeUnit.MILLISECONDS);
        meters.gaugeCollectionSize("triage.realtime.clients", Tags.of("transport", "sse"), streams);
    }

    @Override
    public synchronized void deliver(LiveEvent event) {
        Numbered numbered = new Numbered(++lastId, event);
        recent.addLast(numbered);
        if (recent.size() > properties.replayEvents()) {
            recent.removeFirst();
        }
        for (Stream stream : streams) {
            if (LiveAudience.sees(stream.caller(), event)) {
                stream.outbox().offer(frame(numbered, stream.caller()));
            }
        }
    }

    /**
     * Opens a stream. Replay and registration happen under the same lock as delivery, so that no event is
     * missed or sent twice between the two.
     */
    synchronized SseEmitter open(@Nullable String lastEventId, CallerResolution.LiveCaller identified) {
        Caller caller = identified.caller();
        LiveConnections.Admission admission = live.forCaller(LiveAudience.share(caller), true);
        if (!admission.admitted()) {
            throw admission.refusal() == LiveConnections.Refusal.FULL
                    ? new ServiceUnavailableException("This server holds as many live connections as it may; retry "
                            + "after the time in the Retry-After header", REFUSED_RETRY_AFTER)
                    : new TooManyRequestsException("This caller holds as many live connections as it may ("
                            + properties.maxConnectionsPerCaller() + "); close one first", REFUSED_RETRY_AFTER);
        }
        LiveConnections.Place place = admission.place();
        // no time limit: a dead client is found by the keep-alive write failing
        SseEmitter emitter = new SseEmitter(0L);
        // room for a whole replay on top of the usual backlog, or a resuming client would be cut off at once
        int capacity = properties.clientBacklog() + properties.replayEvents() + 1;
        Outbox<SseEventBuilder> outbox = new Outbox<>("sse-client", capacity, event -> {
            if (event == COMPLETE) {
                emitter.complete();
            } else {
                emitter.send(event);
            }
        }, emitter::complete);
        Stream stream = new Stream(emitter, outbox, caller, identified.credential());
        Runnable closed = () -> {
            streams.remove(stream);
            outbox.close();
            place.release();
        };
        emitter.onCompletion(closed);
        emitter.onTimeout(closed);
        emitter.onError(error -> closed.run());

        outbox.offer(SseEmitter.event().reconnectTime(3000).comment("connected"));
        if (lastEventId != null) {
            replay(lastEventId.strip(), outbox, caller);
        }
        streams.add(stream);
        return emitter;
    }

    private void replay(String lastEventId, Outbox<SseEventBuilder> stream, Caller caller) {
        long after = parse(lastEventId);
        long oldestKnown = recent.isEmpty() ? lastId : recent.getFirst().id() - 1;
        if (after < oldestKnown || after > lastId) {
            // with the latest id, so that the client's next reconnection resumes from here
            stream.offer(SseEmitter.event().id(Long.toString(lastId)).name(STREAM_RESET).data("{}"));
            return;
        }
        for (Numbered numbered : recent) {
            if (numbered.id() > after && LiveAudience.sees(caller, numbered.event())) {
                stream.offer(frame(numbered, caller));
            }
        }
    }

    private static long parse(String lastEventId) {
        try {
            return Long.parseLong(lastEventId);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static SseEventBuilder frame(Numbered numbered, Caller caller) {
        return SseEmitter.event().id(Long.toString(numbered.id())).name(numbered.event().name())
                .data(numbered.event().dataFor(caller));
    }

    private void keepAlive() {
        for (Stream stream : streams) {
            stream.outbox().offer(SseEmitter.event().comment("keep-alive"));
        }
    }

    /** The credentials the open streams were admitted with. */
    Collection<Credential> credentials() {
        List<Credential> credentials = new ArrayList<>();
        for (Stream stream : streams) {
            if (stream.credential() != null) {
                credentials.add(stream.credential());
            }
        }
        return credentials;
    }

    /** Ends the streams whose access has ended, with an {@code access_ended} event first. */
    int close(Set<Credential> ended) {
        int closed = 0;
        for (Stream stream : streams) {
            if (stream.credential() != null && ended.contains(stream.credential())) {
                streams.remove(stream);
                stream.outbox().offer(SseEmitter.event().name(ACCESS_ENDED).data("{}"));
                // completes after what is queued, the notice included, has been written
                stream.outbox().offer(COMPLETE);
                closed++;
            }
        }
        return closed;
    }

    int openStreams() {
        return streams.size();
    }

    /** Ends every stream when the application stops, so that graceful shutdown does not wait for them. */
    @Override
    public void destroy() {
        keepAlive.shutdownNow();
        closeAll();
    }

    void closeAll() {
        for (Stream stream : streams) {
            stream.outbox().close();
            stream.emitter().complete();
        }
        streams.clear();
    }
}
