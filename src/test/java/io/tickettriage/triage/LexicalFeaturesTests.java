package io.tickettriage.triage;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LexicalFeaturesTests {

    @Test
    void eachBlockHasUnitLengthSoWordsAndCharactersWeighEqually() {
        LexicalFeatures features = LexicalFeatures.fit(List.of("vpn drops", "vpn drops often", "printer jammed"));

        LexicalFeatures.Sparse vector = features.transform("vpn drops");

        double sum = 0;
        for (float v : vector.value()) {
            sum += v * v;
        }
        assertThat(sum).isCloseTo(2.0, within(1e-4));
        for (int i = 1; i < vector.index().length; i++) {
            assertThat(vector.index()[i]).isGreaterThan(vector.index()[i - 1]);
        }
    }

    @Test
    void unseenTextGivesAnEmptyVectorAndEmptyTextIsFine() {
        LexicalFeatures features = LexicalFeatures.fit(List.of("vpn drops", "vpn"));

        assertThat(features.transform("zzzz qqqq").index()).isEmpty();
        assertThat(features.transform("").index()).isEmpty();
    }

    @Test
    void readsAccentsFullWidthLettersAndReplacementCharacters() {
        assertThat(LexicalFeatures.words("Drucker ÜBERHITZT – Ｅｘｃｅｌ\uFFFDabstürzt"))
                .containsExactly("drucker", "überhitzt", "excel", "abstürzt");
    }
}
