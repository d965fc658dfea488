package io.tickettriage.knowledge;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the knowledge base.
 *
 * @param dir          folder of team JSON files ({@code TRIAGE_KNOWLEDGE_DIR}), read at start when it exists
 * @param starterSet   whether the examples that ship with the product are loaded ({@code TRIAGE_KNOWLEDGE_STARTER_SET})
 * @param pollInterval how often the database is checked for examples stored by other processes (an import,
 *                     another instance); 0 turns it off ({@code TRIAGE_KNOWLEDGE_POLL_INTERVAL})
 * @param index        the similarity index used once the knowledge base is large
 * @param embedding    the embedding model, when not the shipped one
 * @param load         whether this process loads the knowledge base at start; off only for the {@code token}
 *                     command, which needs no examples and must leave the service's knowledge as it is
 */
@ConfigurationProperties("triage.knowledge")
@Validated
public record KnowledgeProperties(@DefaultValue("./knowledge") Path dir, @DefaultValue("true") boolean starterSet,
        @DefaultValue("5s") @DurationMin Duration pollInterval, @DefaultValue @Valid Index index,
        @DefaultValue Embedding embedding,
        @DefaultValue("true") boolean load) {

    /**
     * A sentence-embedding model the operator provides instead of the shipped English one (all-MiniLM-L6-v2), for
     * tickets in other languages: a multilingual MiniLM or E5 exported to ONNX. Changing it embeds every example
     * again, once, and retrains the routing model.
     *
     * @param model     the model's ONNX file ({@code TRIAGE_EMBEDDING_MODEL}); unset for the shipped model
     * @param tokenizer its tokenizer.json ({@code TRIAGE_EMBEDDING_TOKENIZER}); by default tokenizer.json in the
     *                  model file's folder
     * @param pooling   how that model's token outputs become one vector ({@code TRIAGE_EMBEDDING_POOLING}): mean
     *                  (MiniLM, E5) or cls (BGE); the shipped model always uses the mean
     */
    public record Embedding(@Nullable Path model, @Nullable Path tokenizer,
            @DefaultValue("mean") EmbeddingPooling pooling) {

        static final Embedding SHIPPED = new Embedding(null, null, EmbeddingPooling.MEAN);
    }

    /**
     * The persistent HNSW graph (Lucene) that similarity search uses from {@code minExamples} examples on. Below
     * that an exact scan of the vectors in memory is as fast and never misses a neighbour.
     *
     * @param minExamples    size from which the graph is built and searched ({@code TRIAGE_KNOWLEDGE_INDEX_MIN_EXAMPLES})
     * @param dir            its folder ({@code TRIAGE_KNOWLEDGE_INDEX_DIR}); by default next to the SQLite file
     *                       ({@code tickets.db} has {@code tickets.db-index}), or {@code ./data/index}. Each process
     *                       needs its own
     * @param maxConnections HNSW's M: links per node
     * @param beamWidth      candidates considered while linking a new node
     * @param candidates     candidates explored per search (HNSW's ef); more costs time and buys recall
     * @param quantized      whether the graph is searched over 7-bit scalar-quantized vectors (4x less memory
     *                       to touch); the knowledge base re-scores the hits with the exact vectors
     */
    public record Index(@DefaultValue("20000") @Min(1) int minExamples, @Nullable Path dir,
            @DefaultValue("16") @Min(2) @Max(512) int maxConnections,
            @DefaultValue("100") @Min(1) @Max(3200) int beamWidth,
            @DefaultValue("100") @Min(1) int candidates, @DefaultValue("true") boolean quantized) {

        static final Index DEFAULTS = new Index(20_000, null, 16, 100, 100, true);

        SimilarityIndex.Settings settings() {
            return new SimilarityIndex.Settings(maxConnections, beamWidth, candidates, quantized);
        }

        /** The folder to use, given the JDBC URL of the database the examples are stored in. */
        Path folder(String jdbcUrl) {
            if (dir != null) {
                return dir;
            }
            if (jdbcUrl.startsWith("jdbc:sqlite:")) {
                String file = jdbcUrl.substring("jdbc:sqlite:".length());
                int options = file.indexOf('?');
                file = options >= 0 ? file.substring(0, options) : file;
                if (!file.isBlank() && !file.contains(":memory:")) {
                    return Path.of(file + "-index");
                }
            }
            return Path.of("data", "index");
        }
    }
}
