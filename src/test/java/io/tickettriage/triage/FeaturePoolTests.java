package io.tickettriage.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import de.bwaldvogel.liblinear.Feature;

import org.junit.jupiter.api.Test;

class FeaturePoolTests {

    @Test
    void sharesOneFeatureForTheSameColumnAndRoundedValue() {
        FeaturePool pool = new FeaturePool();

        Feature first = pool.get(7, 0.12345);
        Feature again = pool.get(7, 0.12346);

        assertThat(again).isSameAs(first);
        assertThat(first.getIndex()).isEqualTo(7);
        assertThat(first.getValue()).isCloseTo(0.12345, within(1.0 / 4096));
        assertThat(pool.size()).isEqualTo(1);
    }

    @Test
    void keepsColumnsAndDistinctValuesApartAsItGrows() {
        FeaturePool pool = new FeaturePool();
        for (int column = 1; column <= 1_000; column++) {
            for (int step = -50; step <= 50; step++) {
                Feature feature = pool.get(column, step / 100.0);
                assertThat(feature.getIndex()).isEqualTo(column);
                assertThat(feature.getValue()).isCloseTo(step / 100.0, within(1.0 / 4096));
            }
        }

        assertThat(pool.size()).isEqualTo(1_000 * 101);
        assertThat(pool.get(500, -0.5)).isSameAs(pool.get(500, -0.5));
        assertThat(pool.get(500, 1)).isNotSameAs(pool.get(501, 1));
    }
}
