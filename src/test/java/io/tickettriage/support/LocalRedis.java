package io.tickettriage.support;

import java.io.IOException;
import java.io.UncheckedIOException;

import redis.embedded.RedisServer;

/**
 * A real Redis server on a free loopback port, without persistence, that a test can stop and start again on the same
 * port (a restarted Redis comes back empty, as one without persistence does).
 */
public final class LocalRedis implements AutoCloseable {

    private final int port = FreePorts.next();
    private RedisServer server;

    private LocalRedis() {
    }

    public static LocalRedis started() {
        LocalRedis redis = new LocalRedis();
        redis.start();
        return redis;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public void start() {
        try {
            server = RedisServer.newRedisServer().port(port).bind("127.0.0.1")
                    .setting("save \"\"").setting("appendonly no").build();
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void stop() {
        try {
            if (server != null && server.isActive()) {
                server.stop();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
