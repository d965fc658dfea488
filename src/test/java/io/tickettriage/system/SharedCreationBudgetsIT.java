package io.tickettriage.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

import io.lettuce.core.api.sync.RedisCommands;
import io.tickettriage.support.LocalRedis;

/**
 * The creation rate limit's budgets in the scale-out mode, against a real Redis server: two {@link RedisConnections}
 * stand for two API processes behind one load balancer.
 */
class SharedCreationBudgetsIT {

    private static final int LIMIT = 5;

    private LocalRedis redis;
    private RedisConnections first;
    private RedisConnections second;

    @BeforeEach
    void startRedis() {
        redis = LocalRedis.started();
        first = new RedisConnections(redis.url());
        second = new RedisConnections(redis.url());
    }

    @AfterEach
    void stopRedis() {
        first.destroy();
        second.destroy();
        redis.close();
    }

    @Test
    void twoApiProcessesDrawOnOneBudget() {
        CreationBudgets one = budgets(first);
        CreationBudgets other = budgets(second);
        String client = "tickets|token:" + "a".repeat(64);

        for (int i = 0; i < LIMIT; i++) {
            assertThat((i % 2 == 0 ? one : other).take(client)).as("creation %d", i + 1).isZero();
        }

        // Each process alone has taken fewer than the limit; together they have used it up.
        assertThat(one.take(client)).isBetween(1L, 60_000L / LIMIT);
        assertThat(other.take(client)).isBetween(1L, 60_000L / LIMIT);
        assertThat(redisCommands().hget(RedisCreationBudgets.KEY_PREFIX + client, "tokens")).isNotNull();
    }

    @Test
    void keepsClientsAndKindsApart() {
        CreationBudgets one = budgets(first);
        for (int i = 0; i < LIMIT; i++) {
            one.take("tickets|address:10.0.0.1");
        }
        assertThat(one.take("tickets|address:10.0.0.1")).isPositive();

        assertThat(budgets(second).take("tickets|address:10.0.0.2")).isZero();
        assertThat(budgets(second).take("comments|address:10.0.0.1")).isZero();
    }

    @Test
    void countsPerProcessWhileRedisIsDownAndSharesAgainWhenItReturns() {
        CreationBudgets one = budgets(first);
        CreationBudgets other = budgets(second);
        String client = "tickets|address:10.0.0.3";
        assertThat(one.take(client)).isZero();

        redis.stop();
        // No exception reaches the request: each process counts on its own, so the limit still holds per process.
        for (int i = 0; i < LIMIT; i++) {
            assertThat(one.take(client)).as("creation %d without Redis", i + 1).isZero();
        }
        assertThat(one.take(client)).isPositive();
        assertThat(other.take(client)).isZero();

        redis.start();
        // Back on the shared budget once both clients have reconnected (a new server: the script is loaded again).
        await().atMost(Duration.ofSeconds(30)).until(() -> answers(first) && answers(second));
        String later = "tickets|address:10.0.0.4";
        long taken = 0;
        while ((taken % 2 == 0 ? one : other).take(later) == 0) {
            taken++;
        }
        assertThat(taken).as("creations the two processes shared after Redis returned").isEqualTo(LIMIT);
        assertThat(redisCommands().exists(RedisCreationBudgets.KEY_PREFIX + later)).isEqualTo(1);
    }

    private static boolean answers(RedisConnections connections) {
        try {
            return "PONG".equals(connections.shared().sync().ping());
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Test
    void theScaleOutModeSharesTheBudgetsAndTheSingleProcessKeepsItsOwn() {
        ServiceProperties properties = new ServiceProperties("api", redis.url(), null, LIMIT,
                List.of(), 1_048_576);
        ScaleOutConfiguration configuration = new ScaleOutConfiguration();

        assertThat(configuration.creationBudgets(properties, Clock.systemUTC(),
                new StaticListableBeanFactory(Map.of("redisConnections", first)).getBeanProvider(RedisConnections.class)))
                .isInstanceOf(RedisCreationBudgets.class);
        assertThat(configuration.creationBudgets(properties, Clock.systemUTC(),
                new StaticListableBeanFactory().getBeanProvider(RedisConnections.class)))
                .isInstanceOf(LocalCreationBudgets.class);
    }

    private static CreationBudgets budgets(RedisConnections connections) {
        return new RedisCreationBudgets(connections, LIMIT, Clock.systemUTC());
    }

    private RedisCommands<String, String> redisCommands() {
        return first.shared().sync();
    }
}
