package io.tickettriage.knowledge;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Picks the embedding model: the one the operator names in {@code TRIAGE_EMBEDDING_MODEL}, else the shipped one. */
@Configuration(proxyBeanMethods = false)
class EmbeddingModelConfiguration {

    @Bean
    EmbeddingModel embeddingModel(KnowledgeProperties properties) {
        KnowledgeProperties.Embedding embedding = properties.embedding();
        if (embedding.model() != null) {
            return new OnnxFileEmbeddingModel(embedding.model(), embedding.tokenizer(), embedding.pooling(), true);
        }
        MiniLmEmbeddingModel shipped = new MiniLmEmbeddingModel();
        return new KnownVectors(shipped, StarterVectors.load(shipped.id()));
    }
}
