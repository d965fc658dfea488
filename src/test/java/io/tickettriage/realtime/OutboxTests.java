package io.tickettriage.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class OutboxTests {

    @Test
    void writesMessagesInTheOrderTheyWereQueued() {
        List<Integer> written = new CopyOnWriteArrayList<>();
        Outbox<Integer> outbox = new Outbox<>("test", 100, written::add, () -> { });

        for (int i = 0; i < 50; i++) {
            assertThat(outbox.offer(i)).isTrue();
        }

        await().until(() -> written.size() == 50);
        assertThat(written).isSorted();
        outbox.close();
    }

    @Test
    void givesUpOnAClientThatFallsTooFarBehindWithoutBlockingTheCaller() throws InterruptedException {
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch stalled = new CountDownLatch(1);
        AtomicInteger givenUp = new AtomicInteger();
        Outbox<Integer> outbox = new Outbox<>("test", 3, message -> {
            writing.countDown();
            stalled.await();
        }, givenUp::incrementAndGet);
        outbox.offer(0);
        writing.await();

        assertThat(outbox.offer(1) && outbox.offer(2) && outbox.offer(3)).isTrue();
        assertThat(givenUp).hasValue(0);
        assertThat(outbox.offer(4)).isFalse();

        assertThat(givenUp).hasValue(1);
        assertThat(outbox.isOpen()).isFalse();
        assertThat(outbox.offer(5)).isFalse();
        stalled.countDown();
    }

    @Test
    void givesUpOnceWhenAWriteFails() {
        AtomicInteger givenUp = new AtomicInteger();
        Outbox<String> outbox = new Outbox<>("test", 10, message -> {
            throw new IOException("Broken pipe");
        }, givenUp::incrementAndGet);

        outbox.offer("a");
        outbox.offer("b");

        await().until(() -> !outbox.isOpen());
        assertThat(givenUp).hasValue(1);
    }
}
