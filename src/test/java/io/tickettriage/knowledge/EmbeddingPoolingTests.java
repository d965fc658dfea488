package io.tickettriage.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.model.embedding.onnx.PoolingMode;

import org.junit.jupiter.api.Test;

class EmbeddingPoolingTests {

    @Test
    void readsMeanOrClsInAnyCaseAndDefaultsToTheMean() {
        assertThat(EmbeddingPooling.parse("cls")).isEqualTo(EmbeddingPooling.CLS);
        assertThat(EmbeddingPooling.parse(" CLS ")).isEqualTo(EmbeddingPooling.CLS);
        assertThat(EmbeddingPooling.parse("Mean")).isEqualTo(EmbeddingPooling.MEAN);
        assertThat(EmbeddingPooling.parse(null)).isEqualTo(EmbeddingPooling.MEAN);
        assertThat(EmbeddingPooling.parse("  ")).isEqualTo(EmbeddingPooling.MEAN);
        assertThat(EmbeddingPooling.CLS.mode()).isEqualTo(PoolingMode.CLS);
        assertThat(EmbeddingPooling.MEAN.mode()).isEqualTo(PoolingMode.MEAN);
    }

    @Test
    void namesTheSettingAndTheValuesItTakesForAnythingElse() {
        assertThatThrownBy(() -> EmbeddingPooling.parse("max"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TRIAGE_EMBEDDING_POOLING").hasMessageContaining("'max'")
                .hasMessageContaining("mean").hasMessageContaining("cls");
    }
}
