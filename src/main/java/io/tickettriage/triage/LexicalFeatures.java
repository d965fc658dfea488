package io.tickettriage.triage;

import java.io.Serial;
import java.io.Serializable;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns text into a sparse TF-IDF vector of word 1-2 grams and character 2-5 grams (within word boundaries),
 * each block with sublinear term frequency and its own L2 norm, as scikit-learn's pair of TfidfVectorizers
 * does. Terms are hashed into a fixed space, then only those seen in the training texts are kept, so memory
 * follows the vocabulary rather than the hash space. Immutable and thread-safe once fitted.
 */
final class LexicalFeatures implements Serializable {

    // Stored models are matched by ModelStore.FORMAT and RoutingModels.MODEL, not by this number.
    @Serial
    private static final long serialVersionUID = 1L;

    /** A sparse vector: ascending column indices (0-based) and their values. */
    record Sparse(int[] index, float[] value) {
    }

    private static final int HASH_BITS = 22;
    private static final int HASH_MASK = (1 << HASH_BITS) - 1;
    private static final int WORD = 0;
    private static final int CHAR = 1;
    private static final int MIN_CHAR_DF = 2;

    /** Kept hashed terms of each block, sorted, and their IDF; the column of a term is its position. */
    private final int[][] terms;
    private final float[][] idf;

    private LexicalFeatures(int[][] terms, float[][] idf) {
        this.terms = terms;
        this.idf = idf;
    }

    /** Learns the vocabulary and IDF from training texts; labels are not looked at. */
    static LexicalFeatures fit(List<String> texts) {
        int[][] df = {new int[1 << HASH_BITS], new int[1 << HASH_BITS]};
        for (String text : texts) {
            Map<Integer, Integer>[] counts = count(text);
            for (int block = 0; block < 2; block++) {
                for (int term : counts[block].keySet()) {
                    df[block][term]++;
                }
            }
        }
        int n = texts.size();
        int[][] terms = new int[2][];
        float[][] idf = new float[2][];
        for (int block = 0; block < 2; block++) {
            int minDf = block == CHAR ? Math.min(MIN_CHAR_DF, n) : 1;
            int kept = 0;
            for (int d : df[block]) {
                kept += d >= minDf ? 1 : 0;
            }
            terms[block] = new int[kept];
            idf[block] = new float[kept];
            int at = 0;
            for (int term = 0; term < df[block].length; term++) {
                if (df[block][term] >= minDf) {
                    terms[block][at] = term;
                    // scikit-learn's smoothed IDF, so the figures compare like for like.
                    idf[block][at] = (float) (Math.log((1.0 + n) / (1.0 + df[block][term])) + 1);
                    at++;
                }
            }
        }
        return new LexicalFeatures(terms, idf);
    }

    int dimensions() {
        return terms[WORD].length + terms[CHAR].length;
    }

    Sparse transform(String text) {
        Map<Integer, Integer>[] counts = count(text);
        int total = counts[WORD].size() + counts[CHAR].size();
        int[] index = new int[total];
        float[] value = new float[total];
        int size = 0;
        int offset = 0;
        for (int block = 0; block < 2; block++) {
            int start = size;
            double norm = 0;
            for (Map.Entry<Integer, Integer> entry : counts[block].entrySet()) {
                int column = Arrays.binarySearch(terms[block], entry.getKey());
                if (column >= 0) {
                    float weight = (float) ((1 + Math.log(entry.getValue())) * idf[block][column]);
                    index[size] = offset + column;
                    value[size] = weight;
                    norm += weight * weight;
                    size++;
                }
            }
            if (norm > 0) {
                float scale = (float) (1 / Math.sqrt(norm));
                for (int i = start; i < size; i++) {
                    value[i] *= scale;
                }
            }
            offset += terms[block].length;
        }
        return sorted(Arrays.copyOf(index, size), Arrays.copyOf(value, size));
    }

    /** Lower case, compatibility-normalised (full-width letters, ligatures), letters and digits only. */
    static String[] words(String text) {
        String normal = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        String[] words = normal.split("[^\\p{L}\\p{N}]+");
        return Arrays.stream(words).filter(w -> !w.isEmpty()).toArray(String[]::new);
    }

    @SuppressWarnings("unchecked")
    private static Map<Integer, Integer>[] count(String text) {
        Map<Integer, Integer>[] counts = new Map[] {new HashMap<Integer, Integer>(), new HashMap<Integer, Integer>()};
        String[] words = words(text);
        for (int i = 0; i < words.length; i++) {
            counts[WORD].merge(hash(words[i], 1), 1, Integer::sum);
            if (i > 0) {
                counts[WORD].merge(hash(words[i - 1] + " " + words[i], 2), 1, Integer::sum);
            }
            String padded = " " + words[i] + " ";
            for (int n = 2; n <= 5; n++) {
                for (int at = 0; at + n <= padded.length(); at++) {
                    counts[CHAR].merge(hash(padded.substring(at, at + n), 3), 1, Integer::sum);
                }
            }
        }
        return counts;
    }

    /** FNV-1a with a seed per kind of term, folded to the hash space. */
    static int hash(String term, int seed) {
        long h = 0xcbf29ce484222325L ^ seed;
        for (int i = 0; i < term.length(); i++) {
            h ^= term.charAt(i);
            h *= 0x100000001b3L;
        }
        return (int) (h ^ (h >>> 32)) & HASH_MASK;
    }

    private static Sparse sorted(int[] index, float[] value) {
        Integer[] order = new Integer[index.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(index[a], index[b]));
        int[] sortedIndex = new int[index.length];
        float[] sortedValue = new float[index.length];
        for (int i = 0; i < order.length; i++) {
            sortedIndex[i] = index[order[i]];
            sortedValue[i] = value[order[i]];
        }
        return new Sparse(sortedIndex, sortedValue);
    }
}
