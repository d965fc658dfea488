package io.tickettriage.knowledge;

/**
 * A labelled example with its vector: what is stored, indexed, searched and trained on.
 *
 * @param vector the example's embedding, unit length, by the model the knowledge base uses
 */
public record EmbeddedExample(Example example, float[] vector) {
}
