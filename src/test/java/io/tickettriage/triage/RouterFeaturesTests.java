package io.tickettriage.triage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;

import org.junit.jupiter.api.Test;

class RouterFeaturesTests {

    private static final String GERMAN = "Der Drucker im zweiten Stock hat wieder einen Papierstau und druckt nicht mehr";
    private static final String ENGLISH = "the printer on the second floor is jammed again and it does not print";

    @Test
    void aRowHoldsTheLexicalColumnsThenTheWeightedEmbeddingThenTheBias() {
        LexicalFeatures.Sparse lexical = new LexicalFeatures.Sparse(new int[] {0, 4}, new float[] {0.6f, 0.8f});

        Feature[] row = RouterFeatures.row(lexical, new float[] {1, -2}, 5, 2, 0.5, RouterFeatures.columns(5, 2),
                FeatureNode::new);

        assertThat(row).extracting(Feature::getIndex).containsExactly(1, 5, 6, 7, 8);
        assertThat(row).extracting(Feature::getValue).containsExactly((double) 0.6f, (double) 0.8f, 0.5, -1.0, 1.0);
    }

    @Test
    void withoutAVectorOrEmbeddingTheRowIsLexicalPlusBias() {
        LexicalFeatures.Sparse lexical = new LexicalFeatures.Sparse(new int[] {2}, new float[] {1});

        Feature[] noVector = RouterFeatures.row(lexical, null, 5, 2, 1, 8, FeatureNode::new);
        Feature[] noEmbedding = RouterFeatures.row(lexical, new float[] {1, 1}, 5, 0, 1, 6, FeatureNode::new);

        assertThat(noVector).extracting(Feature::getIndex).containsExactly(3, 8);
        assertThat(noEmbedding).extracting(Feature::getIndex).containsExactly(3, 6);
    }

    @Test
    void trainingRowsShareEqualFeaturesAndMatchTheRowsOfRouting() {
        List<LinearRouter.Sample> samples = List.of(new LinearRouter.Sample("printer jammed", new float[] {1, 0}, "A"),
                new LinearRouter.Sample("printer jammed", new float[] {1, 0}, "A"),
                new LinearRouter.Sample("vpn drops", null, "B"));
        LexicalFeatures features = LexicalFeatures.fit(samples.stream().map(LinearRouter.Sample::text).toList());

        Feature[][] rows = RouterFeatures.trainingRows(features, samples, 2, 1.0);

        assertThat(rows[0]).isEqualTo(rows[1]);
        assertThat(rows[0][0]).isSameAs(rows[1][0]);
        Feature[] routed = RouterFeatures.row(features.transform("printer jammed"), new float[] {1, 0},
                features.dimensions(), 2, 1.0, RouterFeatures.columns(features.dimensions(), 2), FeatureNode::new);
        assertThat(rows[0]).extracting(Feature::getIndex).isEqualTo(List.of(routed).stream().map(Feature::getIndex)
                .toList());
        assertThat(rows[2]).hasSize(features.transform("vpn drops").index().length + 1);
    }

    @Test
    void aVectorIsUsedOnlyForTextsInALanguageTheEmbeddingModelReads() {
        float[] vector = {1, 2};

        assertThat(RouterFeatures.readable("en", ENGLISH, vector)).isSameAs(vector);
        assertThat(RouterFeatures.readable("en", GERMAN, vector)).isNull();
        assertThat(RouterFeatures.readable("de,en", GERMAN, vector)).isSameAs(vector);
        assertThat(RouterFeatures.readable("", GERMAN, vector)).as("every language").isSameAs(vector);
        assertThat(RouterFeatures.reads("en", "ok")).as("a language that cannot be told").isTrue();
    }
}
