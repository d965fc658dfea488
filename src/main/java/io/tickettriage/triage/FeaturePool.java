package io.tickettriage.triage;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;

/**
 * Hands out one shared liblinear feature per column and rounded value, so that training rows hold references
 * instead of a fresh 24-byte object for each of their ~900 features. Values are rounded to a multiple of
 * {@code 1 / 2048}: TF-IDF and embedding values are mostly 0.02 to 0.3, so the rounding moves them by well under
 * what separates one text from another, and on 38,000 tickets only about a fifth of the (column, value) pairs
 * are distinct. liblinear's L2-regularised solvers never write to a feature, which is what makes sharing safe.
 *
 * <p>Used while building one training set and then dropped; the features stay alive through the rows.
 */
final class FeaturePool {

    private static final double SCALE = 2048;

    private long[] keys = new long[1 << 16];
    private FeatureNode[] nodes = new FeatureNode[1 << 16];
    private int size;

    /** A feature of {@code column} (1-based) with {@code value} rounded to the pool's resolution. */
    Feature get(int column, double value) {
        long rounded = Math.round(value * SCALE);
        long key = ((long) column << 32) | (rounded & 0xFFFF_FFFFL);
        int mask = keys.length - 1;
        int slot = mix(key) & mask;
        while (nodes[slot] != null) {
            if (keys[slot] == key) {
                return nodes[slot];
            }
            slot = (slot + 1) & mask;
        }
        FeatureNode node = new FeatureNode(column, rounded / SCALE);
        keys[slot] = key;
        nodes[slot] = node;
        if (++size > keys.length / 2) {
            grow();
        }
        return node;
    }

    int size() {
        return size;
    }

    private void grow() {
        long[] oldKeys = keys;
        FeatureNode[] oldNodes = nodes;
        keys = new long[oldKeys.length * 2];
        nodes = new FeatureNode[oldNodes.length * 2];
        int mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldNodes[i] != null) {
                int slot = mix(oldKeys[i]) & mask;
                while (nodes[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = oldKeys[i];
                nodes[slot] = oldNodes[i];
            }
        }
    }

    private static int mix(long key) {
        long h = key * 0x9E37_79B9_7F4A_7C15L;
        return (int) (h ^ (h >>> 29));
    }
}
