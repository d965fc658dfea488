package io.tickettriage.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What every database must do for the webhook outbox; run against SQLite and PostgreSQL. */
abstract class WebhookStoreContract {

    private static final Duration LEASE = Duration.ofMinutes(1);

    SubscriptionStore subscriptions;
    DeliveryStore deliveries;
    Instant now = Instant.parse("2026-01-01T10:00:00Z");

    abstract DataSource dataSource();

    @BeforeEach
    void emptyStores() {
        JdbcClient jdbc = JdbcClient.create(dataSource());
        jdbc.sql("DELETE FROM webhooks").update();
        subscriptions = new SubscriptionStore(jdbc);
        deliveries = new DeliveryStore(jdbc);
    }

    @Test
    void aDueDeliveryIsTakenByOneSenderUntilItsLeaseRunsOut() {
        long hook = subscribe();
        deliveries.insert(hook, "d-1", "ticket_created", "{\"id\":1}", now, now, null);
        long id = deliveries.due(now, Set.of(), 10).getFirst().id();

        DeliveryStore.Claimed claimed = deliveries.claim(id, now, now.plus(LEASE), "a").orElseThrow();
        assertThat(claimed.deliveryId()).isEqualTo("d-1");
        assertThat(claimed.payload()).isEqualTo("{\"id\":1}");
        assertThat(claimed.attempts()).isEqualTo(1);
        assertThat(deliveries.claim(id, now, now.plus(LEASE), "b")).isEmpty();
        assertThat(deliveries.due(now.plusSeconds(30), Set.of(), 10)).isEmpty();

        // the sender died: once its lease is over the delivery is due again, and counts its attempts
        Instant later = now.plus(LEASE).plusMillis(1);
        assertThat(deliveries.due(later, Set.of(), 10)).hasSize(1);
        assertThat(deliveries.claim(id, later, later.plus(LEASE), "b").orElseThrow().attempts()).isEqualTo(2);
    }

    @Test
    void severalDueDeliveriesAreTakenInOneGoAndOnlyOnce() {
        long hook = subscribe();
        for (int i = 0; i < 3; i++) {
            deliveries.insert(hook, "batch-" + i, "ticket_created", "{}", now, now, null);
        }
        List<Long> ids = deliveries.due(now, Set.of(), 10).stream().map(DeliveryStore.Due::id).toList();
        deliveries.claim(ids.getFirst(), now, now.plus(LEASE), "a").orElseThrow();

        List<DeliveryStore.Claimed> claimed = deliveries.claim(ids, now, now.plus(LEASE), "b");

        assertThat(claimed).extracting(DeliveryStore.Claimed::deliveryId).containsExactlyInAnyOrder("batch-1",
                "batch-2");
        assertThat(deliveries.claim(ids, now, now.plus(LEASE), "c")).isEmpty();
    }

    @Test
    void recordsOutcomesAndListsTheMostRecentFirst() {
        long hook = subscribe();
        deliveries.insert(hook, "d-1", "ticket_created", "{}", now, now, null);
        deliveries.insert(hook, "d-2", "ticket_routed", "{}", now, now, null);
        deliveries.insert(hook, "d-2", "ticket_routed", "{\"again\":true}", now, now, null); // the same delivery
        List<DeliveryStore.Due> due = deliveries.due(now, Set.of(), 10);
        assertThat(due).hasSize(2);
        long first = due.get(0).id();
        long second = due.get(1).id();
        deliveries.claim(first, now, now.plus(LEASE), "a").orElseThrow();
        deliveries.claim(second, now, now.plus(LEASE), "a").orElseThrow();

        deliveries.delivered(first, 204, now.plusSeconds(1));
        deliveries.retryAt(second, null, "connection refused", now.plusSeconds(20));

        List<Delivery> listed = deliveries.recent(hook, 10);
        assertThat(listed).extracting(Delivery::id).containsExactly("d-2", "d-1");
        assertThat(listed.get(0).state()).isEqualTo("pending");
        assertThat(listed.get(0).lastStatus()).isNull();
        assertThat(listed.get(0).nextAttemptAt()).isEqualTo(now.plusSeconds(20));
        assertThat(listed.get(1).state()).isEqualTo("delivered");
        assertThat(listed.get(1).lastStatus()).isEqualTo(204);
        assertThat(listed.get(1).nextAttemptAt()).isNull();
        assertThat(deliveries.payload("d-2")).contains("{}");
    }

    @Test
    void busyAndPausedSubscriptionsAreLeftOutOfTheDueList() {
        long busy = subscribe();
        long paused = subscribe();
        long free = subscribe();
        for (long hook : List.of(busy, paused, free)) {
            deliveries.insert(hook, "d-" + hook, "ticket_created", "{}", now, now, null);
        }
        Subscription pause = subscriptions.find(paused).orElseThrow();
        subscriptions.update(new Subscription(paused, pause.url(), pause.events(), null, false, false, null, null,
                pause.createdAt(), pause.updatedAt()), null, now);

        assertThat(deliveries.due(now, Set.of(busy), 10)).extracting(DeliveryStore.Due::webhookId)
                .containsExactly(free);
        assertThat(subscriptions.activeListeners()).extracting(SubscriptionStore.Listener::id)
                .containsExactlyInAnyOrder(busy, free);
        // a paused subscription's deliveries wait without a due time, and are due again once it is switched on
        assertThat(deliveries.recent(paused, 1).getFirst().nextAttemptAt()).isNull();
        subscriptions.update(new Subscription(paused, pause.url(), pause.events(), null, false, true, null, null,
                pause.createdAt(), pause.updatedAt()), null, now.plusSeconds(5));
        assertThat(deliveries.due(now.plusSeconds(5), Set.of(busy), 10)).extracting(DeliveryStore.Due::webhookId)
                .containsExactlyInAnyOrder(paused, free);
    }

    @Test
    void aSubscriptionFailingForTheWholePeriodIsPausedAndASuccessClearsTheRecord() {
        long hook = subscribe();
        assertThat(subscriptions.failed(hook, now, now.minus(Duration.ofHours(24)), "HTTP 500")).isFalse();
        subscriptions.succeeded(hook);
        assertThat(subscriptions.find(hook).orElseThrow().failingSince()).isNull();

        subscriptions.failed(hook, now, now.minus(Duration.ofHours(24)), "HTTP 500");
        Instant dayLater = now.plus(Duration.ofHours(24));
        assertThat(subscriptions.failed(hook, dayLater, dayLater.minus(Duration.ofHours(24)), "HTTP 500")).isTrue();
        Subscription paused = subscriptions.find(hook).orElseThrow();
        assertThat(paused.active()).isFalse();
        assertThat(paused.pausedReason()).isEqualTo("HTTP 500");
        assertThat(paused.failingSince()).isEqualTo(now);
    }

    @Test
    void deletingASubscriptionDeletesItsDeliveries() {
        long hook = subscribe();
        deliveries.insert(hook, "d-gone", "ticket_created", "{}", now, now, null);
        assertThat(subscriptions.delete(hook)).isTrue();
        assertThat(deliveries.payload("d-gone")).isEmpty();
        assertThat(subscriptions.delete(hook)).isFalse();
    }

    private long subscribe() {
        return subscriptions.insert("http://example.org/hook", List.of("*"), "test", "plain:s", false, now);
    }
}
