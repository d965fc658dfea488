package io.tickettriage.knowledge;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.apache.lucene.util.VectorUtil;

/** Embedding vectors: similarity, and the byte form they are stored in (little-endian floats). */
public final class Vectors {

    private Vectors() {
    }

    /**
     * Cosine similarity of two unit vectors. Lucene's implementation uses the CPU's vector instructions when the
     * JVM runs with {@code --add-modules jdk.incubator.vector}, and a plain loop otherwise.
     */
    public static double dot(float[] a, float[] b) {
        return VectorUtil.dotProduct(a, b);
    }

    public static byte[] toBytes(float[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(vector);
        return buffer.array();
    }

    public static float[] fromBytes(byte[] bytes) {
        float[] vector = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
        return vector;
    }
}
