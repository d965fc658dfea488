package io.tickettriage.triage;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongFunction;

import io.tickettriage.triage.Classification.Evidence;

/**
 * Where examples learnt after the routing model was trained outweigh it. A correction, a closed ticket or an
 * import is in the neighbour vote the moment it commits, but unknown to the model until the next retraining:
 * without this, the very ticket an agent just corrected would be routed the old way again. Two cases decide
 * against the model: the nearest example is newer than the model and nearly identical to the ticket, or the
 * newer examples carry a confident neighbour vote. Where they agree with the model, the model's decision stands
 * untouched.
 */
final class LearntSinceTraining {

    /** Cosine similarity from which two tickets say the same thing in other words at most. */
    static final double NEARLY_IDENTICAL = 0.95;

    private LearntSinceTraining() {
    }

    /**
     * @param newestTrained the id of the newest example the model was trained on; higher ids are newer
     * @param threshold     the probability the neighbour vote needs to decide on its own
     * @param describe      describes an example learnt from a ticket, e.g. "ticket #12, corrected by alice to X"
     */
    static Optional<Classification> prefer(Classification vote, Classification modelled, long newestTrained,
            double threshold, LongFunction<Optional<String>> describe) {
        List<Evidence> evidence = vote.evidence();
        if (evidence.isEmpty()) {
            return Optional.empty();
        }
        Evidence nearest = evidence.getFirst();
        if (nearest.exampleId() > newestTrained && nearest.similarity() >= NEARLY_IDENTICAL) {
            if (nearest.team().equals(modelled.team())) {
                return Optional.empty();
            }
            String basis = String.format(Locale.ROOT, "nearly identical (similarity %.2f) to %s, learnt after the "
                    + "routing model was trained", nearest.similarity(), describe(nearest, describe));
            return Optional.of(decided(vote, modelled, nearest.team(), basis));
        }
        String team = vote.team();
        if (team.equals(modelled.team()) || vote.score() < threshold || newerShare(evidence, team, newestTrained) <= 0.5) {
            return Optional.empty();
        }
        List<Evidence> newer = evidence.stream()
                .filter(e -> e.team().equals(team) && e.exampleId() > newestTrained)
                .toList();
        String basis = String.format(Locale.ROOT, "%d similar example%s learnt after the routing model was trained "
                + "agree (nearest: %s, similarity %.2f)", newer.size(), newer.size() == 1 ? "" : "s",
                describe(newer.getFirst(), describe), newer.getFirst().similarity());
        return Optional.of(decided(vote, modelled, team, basis));
    }

    private static Classification decided(Classification vote, Classification modelled, String team, String basis) {
        boolean voted = team.equals(vote.team());
        return new Classification(vote.scores(), team, vote.scores().getOrDefault(team, 0.0),
                voted ? vote.priority() : modelled.priority(), voted ? vote.level() : modelled.level(),
                vote.evidence(), vote.model(), vote.threshold(), basis);
    }

    /** How much of {@code team}'s vote weight comes from examples newer than the model. */
    private static double newerShare(List<Evidence> evidence, String team, long newestTrained) {
        double top = evidence.getFirst().similarity();
        double all = 0;
        double newer = 0;
        for (Evidence e : evidence) {
            if (e.team().equals(team)) {
                double weight = Math.exp((e.similarity() - top) / NearestNeighbourClassifier.TEMPERATURE);
                all += weight;
                if (e.exampleId() > newestTrained) {
                    newer += weight;
                }
            }
        }
        return all == 0 ? 0 : newer / all;
    }

    private static String describe(Evidence example, LongFunction<Optional<String>> describe) {
        if (example.ticketId() != null) {
            return describe.apply(example.ticketId())
                    .orElse("ticket #" + example.ticketId() + ", closed as " + example.team());
        }
        return "an example labelled " + example.team() + " (" + example.source() + ")";
    }
}
