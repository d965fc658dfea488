package io.tickettriage.triage;

import java.io.Serializable;

import org.jspecify.annotations.Nullable;

/**
 * Temperature scaling: turns a linear model's per-team decision values into probabilities with
 * {@code softmax(d / T)}. {@code T} is fitted by minimising the log loss on out-of-fold decision values, i.e.
 * on rows the scoring model never saw, so a probability of 0.9 means right about nine times in ten.
 *
 * <p>Per team ({@link #perTeam}), each team's decision value gets a scale and an offset of its own,
 * {@code softmax(a_c * d_c + b_c)} ("vector scaling"), pulled towards the shared temperature in proportion to how
 * few rows the team has: a small team whose scores run low can be lifted, a large one whose scores run high brought
 * down.
 *
 * @param scales  each team's scale, or null for the shared temperature alone
 * @param offsets each team's offset, or null for none
 */
record Calibration(double temperature, double @Nullable [] scales, double @Nullable [] offsets)
        implements Serializable {

    /** How strongly each team's scale and offset are held to the shared temperature, in rows of the history. */
    static final double TEAM_PENALTY = 10;

    Calibration(double temperature) {
        this(temperature, null, null);
    }

    private static final double MIN_LOG_T = Math.log(0.01);
    private static final double MAX_LOG_T = Math.log(100);

    /**
     * @param decisions out-of-fold decision values, one row per example, one column per team
     * @param truth     the index of each row's true team
     */
    static Calibration fit(double[][] decisions, int[] truth) {
        // The log loss is unimodal in log T for these problems; golden-section search needs no gradient.
        double lo = MIN_LOG_T;
        double hi = MAX_LOG_T;
        double ratio = (Math.sqrt(5) - 1) / 2;
        double a = hi - ratio * (hi - lo);
        double b = lo + ratio * (hi - lo);
        double la = logLoss(decisions, truth, Math.exp(a));
        double lb = logLoss(decisions, truth, Math.exp(b));
        for (int i = 0; i < 60; i++) {
            if (la < lb) {
                hi = b;
                b = a;
                lb = la;
                a = hi - ratio * (hi - lo);
                la = logLoss(decisions, truth, Math.exp(a));
            } else {
                lo = a;
                a = b;
                la = lb;
                b = lo + ratio * (hi - lo);
                lb = logLoss(decisions, truth, Math.exp(b));
            }
        }
        return new Calibration(Math.exp((lo + hi) / 2));
    }

    double[] probabilities(double[] decision) {
        double[] z = new double[decision.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < z.length; i++) {
            z[i] = scales == null ? decision[i] / temperature : scales[i] * decision[i] + offsets[i];
            max = Math.max(max, z[i]);
        }
        double[] p = new double[decision.length];
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.exp(z[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    /**
     * The shared temperature, then a scale and an offset per team fitted by gradient descent on the log loss of the
     * out-of-fold decision values. Each team's pair is held to the shared temperature by a penalty worth
     * {@value #TEAM_PENALTY} rows: a team of 3 rows stays near it, one of 800 follows its own rows.
     */
    static Calibration perTeam(double[][] decisions, int[] truth) {
        Calibration shared = fit(decisions, truth);
        int teams = decisions.length == 0 ? 0 : decisions[0].length;
        double prior = 1 / shared.temperature();
        double[] scales = new double[teams];
        double[] offsets = new double[teams];
        java.util.Arrays.fill(scales, prior);
        int[] size = new int[teams];
        for (int t : truth) {
            size[t]++;
        }
        int n = Math.max(1, decisions.length);
        double step = 1;
        Calibration current = new Calibration(shared.temperature(), scales, offsets);
        double objective = objective(current, decisions, truth, prior);
        for (int iteration = 0; iteration < 200 && step > 1e-4; iteration++) {
            double[] gradScale = new double[teams];
            double[] gradOffset = new double[teams];
            for (int i = 0; i < decisions.length; i++) {
                double[] p = current.probabilities(decisions[i]);
                for (int c = 0; c < teams; c++) {
                    double g = p[c] - (truth[i] == c ? 1 : 0);
                    gradScale[c] += g * decisions[i][c];
                    gradOffset[c] += g;
                }
            }
            double[] nextScales = new double[teams];
            double[] nextOffsets = new double[teams];
            for (int c = 0; c < teams; c++) {
                gradScale[c] += 2 * TEAM_PENALTY * (scales[c] - prior);
                gradOffset[c] += 2 * TEAM_PENALTY * offsets[c];
                // A team's gradient grows with its rows: each moves by its own average, a Newton-like step size.
                double rate = step / (size[c] + TEAM_PENALTY);
                nextScales[c] = scales[c] - rate * gradScale[c] * prior;
                nextOffsets[c] = offsets[c] - rate * gradOffset[c];
            }
            Calibration next = new Calibration(shared.temperature(), nextScales, nextOffsets);
            double value = objective(next, decisions, truth, prior);
            if (value < objective) {
                current = next;
                scales = nextScales;
                offsets = nextOffsets;
                objective = value;
                step = Math.min(4, step * 1.2);
            } else {
                step /= 2;
            }
        }
        return current;
    }

    /** The summed log loss plus each team's penalty for leaving the shared temperature. */
    private static double objective(Calibration calibration, double[][] decisions, int[] truth, double prior) {
        double value = logLoss(decisions, truth, calibration) * decisions.length;
        for (int c = 0; c < calibration.scales().length; c++) {
            value += TEAM_PENALTY * (Math.pow(calibration.scales()[c] - prior, 2) + Math.pow(calibration.offsets()[c], 2));
        }
        return value;
    }

    static double logLoss(double[][] decisions, int[] truth, double temperature) {
        return logLoss(decisions, truth, new Calibration(temperature));
    }

    static double logLoss(double[][] decisions, int[] truth, Calibration calibration) {
        double loss = 0;
        for (int i = 0; i < decisions.length; i++) {
            loss -= Math.log(Math.max(1e-12, calibration.probabilities(decisions[i])[truth[i]]));
        }
        return loss / Math.max(1, decisions.length);
    }
}
