package io.tickettriage.knowledge;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Picks the embedding model: the one the operator names in {@code TRIAGE_EMBEDDING_MODEL}, else the shipped one. */
@Configuration(proxyBeanMethods = false)
class EmbeddingModelConfiguration {

    @Bean
    EmbeddingModel embeddingModel(KnowledgeProperties properties) {
        KnowledgeProperties.Embedding embedding = properties.embedding();
        return embedding.model() == null ? new MiniLmEmbeddingModel()
                : new OnnxFileEmbeddingModel(embedding.model(), embedding.tokenizer(), true);
    }
}
