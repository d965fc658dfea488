package io.tickettriage.triage;

import java.util.Locale;

/**
 * A score and the threshold it is held to, written with as few decimals as tell them apart as the numbers do: "scored
 * 0.578, below its threshold 0.585", not "0.58, below its threshold 0.58"; and a probability short of 1 never written
 * as 1.00, a certainty the engine does not claim.
 */
final class ScoreText {

    private static final int MOST_DECIMALS = 4;

    private ScoreText() {
    }

    /** {@code "<team> with confidence <score> (threshold <threshold>)"}. */
    static String routed(String team, double score, double threshold) {
        int decimals = decimals(score, threshold);
        return team + " with confidence " + format(score, decimals) + " (threshold " + format(threshold, decimals)
                + ")";
    }

    /** {@code "Not confident enough: <team> scored <score>, below its threshold <threshold>"}. */
    static String belowThreshold(String team, double score, double threshold) {
        int decimals = decimals(score, threshold);
        return "Not confident enough: " + team + " scored " + format(score, decimals) + ", below its threshold "
                + format(threshold, decimals);
    }

    static int decimals(double score, double threshold) {
        int decimals = 2;
        while (decimals < MOST_DECIMALS && (score != threshold && format(score, decimals).equals(format(threshold,
                decimals)) || score < 1 && format(score, decimals).equals(format(1, decimals)))) {
            decimals++;
        }
        return decimals;
    }

    /** Rounded, except that a value short of 1 is cut down rather than rounded up to 1 at the most decimals. */
    private static String format(double value, int decimals) {
        String rounded = String.format(Locale.ROOT, "%." + decimals + "f", value);
        if (value < 1 && decimals == MOST_DECIMALS && Double.parseDouble(rounded) >= 1) {
            double scale = Math.pow(10, decimals);
            return String.format(Locale.ROOT, "%." + decimals + "f", Math.floor(value * scale) / scale);
        }
        return rounded;
    }
}
