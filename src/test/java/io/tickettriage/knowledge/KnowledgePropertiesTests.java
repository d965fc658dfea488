package io.tickettriage.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class KnowledgePropertiesTests {

    @Test
    void bindsTheIndexSettingsAndFallsBackToDefaults() {
        KnowledgeProperties properties = bind(Map.of("triage.knowledge.index.min-examples", "5",
                "triage.knowledge.index.quantized", "false"));

        assertThat(properties.index().minExamples()).isEqualTo(5);
        assertThat(properties.index().quantized()).isFalse();
        assertThat(properties.index().candidates()).isEqualTo(100);
        assertThat(properties.index().maxConnections()).isEqualTo(16);
        assertThat(properties.index().dir()).isNull();
    }

    @Test
    void keepsTheIndexNextToTheSqliteFileUnlessAFolderIsGiven() {
        KnowledgeProperties.Index defaults = bind(Map.of()).index();

        assertThat(defaults.folder("jdbc:sqlite:/var/lib/triage/tickets.db?journal_mode=WAL"))
                .isEqualTo(Path.of("/var/lib/triage/tickets.db-index"));
        assertThat(defaults.folder("jdbc:postgresql://db:5432/triage")).isEqualTo(Path.of("data", "index"));
        assertThat(bind(Map.of("triage.knowledge.index.dir", "/srv/index")).index().folder("jdbc:sqlite:x.db"))
                .isEqualTo(Path.of("/srv/index"));
    }

    @Test
    void readsThePoolingOfTheOperatorsModelAndRefusesAnUnknownOne() {
        assertThat(bind(Map.of()).embedding().pooling()).isEqualTo(EmbeddingPooling.MEAN);
        assertThat(bind(Map.of("triage.knowledge.embedding.pooling", "cls")).embedding().pooling())
                .isEqualTo(EmbeddingPooling.CLS);
        assertThatThrownBy(() -> bind(Map.of("triage.knowledge.embedding.pooling", "max")))
                .isInstanceOf(BindException.class).hasMessageContaining("triage.knowledge.embedding.pooling");
    }

    private static KnowledgeProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate("triage.knowledge", KnowledgeProperties.class);
    }
}
