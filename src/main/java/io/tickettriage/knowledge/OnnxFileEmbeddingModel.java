package io.tickettriage.knowledge;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

import io.tickettriage.system.InvalidSettingException;

import ai.onnxruntime.OrtException;

import org.jspecify.annotations.Nullable;

/**
 * A sentence-embedding model the operator provides ({@code TRIAGE_EMBEDDING_MODEL}): an ONNX file of a BERT-style
 * encoder (a multilingual MiniLM, E5, BGE...), its {@code tokenizer.json} and its pooling ({@code
 * TRIAGE_EMBEDDING_POOLING}: mean by default, cls for models trained for it). Such a model is mostly provided to read
 * the languages the shipped one does not, so it is taken to read every language.
 *
 * <p>Its {@link #id()} names the file and a digest of its size, beginning and end, and the pooling when it is not the
 * mean: vectors of another model, of another version of this file or of the other pooling are never mixed with its
 * own, and the knowledge base embeds every example again once when any of them changes.
 */
final class OnnxFileEmbeddingModel extends OnnxEmbeddingModel {

    /** Read from the start and the end of the file for its identity: enough to tell models apart, and fast. */
    private static final int DIGESTED_BYTES = 1 << 20;

    private final String id;

    /**
     * @param model     the ONNX file
     * @param tokenizer its tokenizer.json; null for {@code tokenizer.json} in the model's folder
     * @param pooling   how its tokens' outputs become one vector
     */
    OnnxFileEmbeddingModel(Path model, @Nullable Path tokenizer, EmbeddingPooling pooling, boolean inBackground) {
        super(loader(model, tokenizerOf(model, tokenizer), pooling), inBackground);
        // mean keeps the id it had before the pooling could be chosen, so stored vectors stay valid
        this.id = identity(model)
                + (pooling == EmbeddingPooling.MEAN ? "" : "-" + pooling.name().toLowerCase(Locale.ROOT));
    }

    @Override
    public String id() {
        return id;
    }

    /** Taken to read every language: the reason to provide one. */
    @Override
    public Set<String> languages() {
        return Set.of();
    }

    static Path tokenizerOf(Path model, @Nullable Path tokenizer) {
        if (tokenizer != null) {
            return tokenizer;
        }
        Path folder = model.toAbsolutePath().getParent();
        return folder == null ? Path.of("tokenizer.json") : folder.resolve("tokenizer.json");
    }

    /** Checks that both files are there before anything is loaded, so that a wrong path is told at once. */
    private static Supplier<OnnxSentenceEncoder> loader(Path model, Path tokenizer, EmbeddingPooling pooling) {
        if (!Files.isRegularFile(model)) {
            throw new InvalidSettingException("TRIAGE_EMBEDDING_MODEL: no model file at " + model.toAbsolutePath());
        }
        if (!Files.isRegularFile(tokenizer)) {
            throw new InvalidSettingException("TRIAGE_EMBEDDING_TOKENIZER: no tokenizer.json at "
                    + tokenizer.toAbsolutePath());
        }
        return () -> load(model, tokenizer, pooling);
    }

    private static OnnxSentenceEncoder load(Path model, Path tokenizer, EmbeddingPooling pooling) {
        try (InputStream in = Files.newInputStream(tokenizer)) {
            return new OnnxSentenceEncoder(model.toAbsolutePath(), in, null, pooling);
        } catch (IOException | OrtException | RuntimeException e) {
            throw new IllegalStateException("The embedding model " + model + " (tokenizer " + tokenizer
                    + ") could not be loaded: " + e.getMessage(), e);
        }
    }

    /** {@code onnx-<file name>-<12 hex digits>}: the digest of the file's size, first and last mebibyte. */
    static String identity(Path model) {
        try (RandomAccessFile file = new RandomAccessFile(model.toFile(), "r")) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            long size = file.length();
            digest.update(Long.toString(size).getBytes(StandardCharsets.UTF_8));
            byte[] buffer = new byte[(int) Math.min(DIGESTED_BYTES, size)];
            file.readFully(buffer);
            digest.update(buffer);
            file.seek(Math.max(0, size - buffer.length));
            file.readFully(buffer);
            digest.update(buffer);
            String name = model.getFileName().toString().replaceFirst("(?i)\\.onnx$", "")
                    .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]+", "-");
            return "onnx-" + name + "-" + HexFormat.of().formatHex(digest.digest()).substring(0, 12);
        } catch (IOException e) {
            throw new InvalidSettingException("TRIAGE_EMBEDDING_MODEL: cannot read " + model + ": " + e.getMessage(),
                    e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
