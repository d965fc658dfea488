package io.tickettriage.knowledge;

import java.io.IOException;
import java.io.InputStream;
import java.util.Set;

import ai.onnxruntime.OrtException;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

/**
 * all-MiniLM-L6-v2 (quantized, 384 dimensions) running in-process on ONNX Runtime. The weights ship inside a
 * Maven artifact, so nothing is downloaded and no key is needed. The service's model unless
 * {@code TRIAGE_EMBEDDING_MODEL} names another ({@link EmbeddingModelConfiguration}).
 */
class MiniLmEmbeddingModel extends OnnxEmbeddingModel {

    static final String ID = "all-minilm-l6-v2-q";
    static final String MODEL = "/all-minilm-l6-v2-q.onnx";
    static final String TOKENIZER = "/all-minilm-l6-v2-q-tokenizer.json";
    /** Trained on English sentence pairs: German, French or Spanish text lands near unrelated English text. */
    static final Set<String> LANGUAGES = Set.of("en");

    MiniLmEmbeddingModel() {
        this(true);
    }

    /** @param inBackground false to load before the constructor returns (commands that embed at once) */
    MiniLmEmbeddingModel(boolean inBackground) {
        super(MiniLmEmbeddingModel::load, inBackground);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Set<String> languages() {
        return LANGUAGES;
    }

    private static OnnxSentenceEncoder load() {
        try (InputStream weights = resource(MODEL); InputStream tokenizer = resource(TOKENIZER)) {
            return new OnnxSentenceEncoder(weights.readAllBytes(), tokenizer, 384, EmbeddingPooling.MEAN);
        } catch (IOException | OrtException e) {
            throw new IllegalStateException("The embedding model shipped in the jar could not be loaded", e);
        }
    }

    /** One of the model's files as shipped inside the Maven artifact. */
    static InputStream resource(String name) {
        InputStream in = AllMiniLmL6V2QuantizedEmbeddingModel.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("The jar lacks the embedding model resource " + name);
        }
        return in;
    }
}
