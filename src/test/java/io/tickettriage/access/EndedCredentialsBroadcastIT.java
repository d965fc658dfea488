package io.tickettriage.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import io.tickettriage.support.LocalRedis;
import io.tickettriage.system.DatabaseUrl;
import io.tickettriage.system.RedisConnections;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Two processes of a scale-out deployment, each with its own cache of recent token lookups, over one database and a
 * real Redis server. Their clock stands still, so a cached lookup never expires by itself: whatever a process stops
 * accepting, it stops accepting because it was told.
 */
class EndedCredentialsBroadcastIT {

    private static final Clock FROZEN = Clock.fixed(Instant.parse("2026-12-07T09:00:00Z"), ZoneOffset.UTC);
    private static final AccessProperties PROPERTIES = new AccessProperties(AccessProperties.AuthMode.TOKEN,
            Duration.ofHours(24), Duration.ofHours(12));

    @TempDir
    Path dir;

    private LocalRedis redis;
    private RedisConnections firstRedis;
    private RedisConnections secondRedis;
    private AccessTokens first;
    private AccessTokens second;

    @BeforeEach
    void startTwoProcesses() {
        redis = LocalRedis.started();
        DataSource database = new DriverManagerDataSource(
                DatabaseUrl.parse("sqlite:///" + dir.resolve("tickets.db")).jdbcUrl());
        Flyway.configure().dataSource(database).locations("classpath:db/migration/sqlite").load().migrate();

        firstRedis = new RedisConnections(redis.url());
        secondRedis = new RedisConnections(redis.url());
        first = process(database, firstRedis);
        second = process(database, secondRedis);
        await().atMost(Duration.ofSeconds(30)).until(() -> firstRedis.shared().sync()
                .pubsubNumsub(EndedCredentialsBroadcast.CHANNEL).get(EndedCredentialsBroadcast.CHANNEL) == 2);
    }

    /** What one process wires up: its token cache, and the broadcast the application events reach after commit. */
    private static AccessTokens process(DataSource database, RedisConnections redis) {
        AtomicReference<EndedCredentialsBroadcast> broadcast = new AtomicReference<>();
        AccessTokens tokens = new AccessTokens(new TokenStore(JdbcClient.create(database)), PROPERTIES, FROZEN,
                event -> broadcast.get().publish((CredentialsEnded) event));
        broadcast.set(new EndedCredentialsBroadcast(redis, tokens));
        return tokens;
    }

    @AfterEach
    void stop() {
        firstRedis.destroy();
        secondRedis.destroy();
        redis.close();
    }

    @Test
    void aTokenRevokedInOneProcessIsRefusedByTheOtherAtOnce() {
        AccessTokens.IssuedToken token = first.createApiToken("script", Role.AGENT);
        assertThat(second.authenticate(token.secret())).isPresent();

        assertThat(first.revoke(token.id())).isTrue();

        assertThat(first.authenticate(token.secret())).isEmpty();
        await().atMost(Duration.ofSeconds(10)).until(() -> second.authenticate(token.secret()).isEmpty());
    }

    @Test
    void theSessionsOpenedWithARevokedTokenEndInEveryProcess() {
        AccessTokens.IssuedToken token = first.createApiToken("alice", Role.ADMIN);
        AccessTokens.Session session = first.sessionFor(token.secret()).orElseThrow();
        assertThat(second.authenticate(session.secret())).isPresent();

        first.revoke(token.id());

        await().atMost(Duration.ofSeconds(10)).until(() -> second.authenticate(session.secret()).isEmpty());
    }

    @Test
    void aLogoutInOneProcessEndsTheSessionInTheOther() {
        AccessTokens.IssuedToken token = first.createApiToken("bob", Role.AGENT);
        AccessTokens.Session session = second.sessionFor(token.secret()).orElseThrow();
        assertThat(first.authenticate(session.secret())).isPresent();

        second.endSession(session.secret());

        await().atMost(Duration.ofSeconds(10)).until(() -> first.authenticate(session.secret()).isEmpty());
        assertThat(first.authenticate(token.secret())).as("the token itself stays live").isPresent();
    }

    @Test
    void whileRedisIsDownARevocationStillTakesEffectWhereItWasMade() {
        AccessTokens.IssuedToken token = first.createApiToken("carol", Role.AGENT);
        assertThat(second.authenticate(token.secret())).isPresent();
        redis.stop();

        assertThat(first.revoke(token.id())).isTrue();

        assertThat(first.authenticate(token.secret())).isEmpty();
        // The other process learns of it when its cached lookup expires (10 s), as without Redis.
        assertThat(second.authenticate(token.secret())).isPresent();
    }
}
