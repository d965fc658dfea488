package io.tickettriage.triage;

import java.io.Serializable;

/**
 * Temperature scaling: turns a linear model's per-team decision values into probabilities with
 * {@code softmax(d / T)}. {@code T} is fitted by minimising the log loss on out-of-fold decision values, i.e.
 * on rows the scoring model never saw, so a probability of 0.9 means right about nine times in ten.
 */
record Calibration(double temperature) implements Serializable {

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
        double max = Double.NEGATIVE_INFINITY;
        for (double d : decision) {
            max = Math.max(max, d);
        }
        double[] p = new double[decision.length];
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.exp((decision[i] - max) / temperature);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    static double logLoss(double[][] decisions, int[] truth, double temperature) {
        Calibration calibration = new Calibration(temperature);
        double loss = 0;
        for (int i = 0; i < decisions.length; i++) {
            loss -= Math.log(Math.max(1e-12, calibration.probabilities(decisions[i])[truth[i]]));
        }
        return loss / Math.max(1, decisions.length);
    }
}
