package io.tickettriage.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class ParallelTests {

    @Test
    void keepsTheItemsOrderWhateverThreadDidTheWork() {
        List<Integer> items = IntStream.range(0, 1_001).boxed().toList();
        Set<String> threads = ConcurrentHashMap.newKeySet();

        List<Integer> squares = Parallel.map(items, 4, i -> {
            threads.add(Thread.currentThread().getName());
            return i * i;
        });

        assertThat(squares).isEqualTo(items.stream().map(i -> i * i).toList());
        assertThat(threads).hasSizeGreaterThan(1);
    }

    @Test
    void anEmptyListGivesAnEmptyResult() {
        assertThat(Parallel.map(List.<String>of(), 3, String::length)).isEmpty();
    }

    @Test
    void aFailingItemFailsTheWholeMapWithItsCause() {
        assertThatThrownBy(() -> Parallel.map(List.of("1", "2", "x"), 2, Integer::parseInt))
                .isInstanceOf(IllegalStateException.class).hasCauseInstanceOf(NumberFormatException.class);
    }
}
