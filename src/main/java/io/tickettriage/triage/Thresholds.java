package io.tickettriage.triage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Chooses, per team, the lowest calibrated probability at which routing to that team still reaches the
 * precision target on held-out predictions. Lowest, because every ticket above it is one a human does not
 * have to route. A threshold is only trusted when at least {@value #MIN_ROUTED} held-out predictions reach it,
 * so a team with a handful of lucky predictions does not get a threshold by chance.
 */
final class Thresholds {

    /** Returned when no threshold reaches the target: the team is never routed to automatically. */
    static final double NEVER = 1.01;

    static final int MIN_ROUTED = 10;

    private Thresholds() {
    }

    /**
     * @param probabilities calibrated probability of the predicted team, per held-out row predicting that team
     * @param correct       whether that prediction was right
     */
    static double choose(double[] probabilities, boolean[] correct, double targetPrecision) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < probabilities.length; i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble((Integer i) -> probabilities[i]).reversed());
        double threshold = NEVER;
        int right = 0;
        for (int n = 0; n < order.size(); n++) {
            int i = order.get(n);
            right += correct[i] ? 1 : 0;
            boolean tieFollows = n + 1 < order.size() && probabilities[order.get(n + 1)] == probabilities[i];
            if (!tieFollows && n + 1 >= MIN_ROUTED && (double) right / (n + 1) >= targetPrecision) {
                threshold = probabilities[i];
            }
        }
        return threshold;
    }
}
