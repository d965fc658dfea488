package io.tickettriage.triage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Priority and tier are ordered, and their errors are not alike: an Urgent ticket read as Low waits days, one
 * read as High waits minutes. So they are chosen as the median of the predicted distribution (the value with at
 * least half the probability at or below it), which minimises the expected number of steps wrong, instead of
 * the most probable value: with 45% Low and 35% High or Urgent the ticket is Medium, not Low.
 */
final class OrdinalChoice {

    private OrdinalChoice() {
    }

    /**
     * @param labels        the model's labels
     * @param probabilities calibrated probability per label, in the order of {@code labels}
     * @param rank          each label's position on the scale, lowest first
     */
    static String median(List<String> labels, double[] probabilities, ToIntFunction<String> rank) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingInt(i -> rank.applyAsInt(labels.get(i))));
        double total = 0;
        for (double p : probabilities) {
            total += p;
        }
        double cumulative = 0;
        for (int i : order) {
            cumulative += probabilities[i];
            if (cumulative >= total / 2) {
                return labels.get(i);
            }
        }
        return labels.get(order.getLast());
    }
}
