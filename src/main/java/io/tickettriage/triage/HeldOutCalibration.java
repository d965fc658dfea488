package io.tickettriage.triage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * What {@link RouterTraining} fits on the out-of-fold scores, and on them alone: the calibration of the decision
 * values into probabilities (one for rows scored with their vector, one for rows scored on lexical features alone),
 * whether and how much the nearest examples' vote is blended in ({@link NeighbourVote}), each label's routing
 * threshold on the probabilities the service will route with, and the cross-validated figures.
 *
 * @param lexicalCalibration for rows in a language the embedding model does not read; null when the main
 *                           calibration covers every row
 * @param vote               the blended vote; null for none
 * @param thresholds         each label's lowest probability routed automatically, in label-id order
 */
record HeldOutCalibration(Calibration calibration, @Nullable Calibration lexicalCalibration,
        @Nullable NeighbourVote vote, double[] thresholds, LinearRouter.CrossValidation crossValidation) {

    /**
     * @param heldOut     each training row's decision values from the fold model that did not see it
     * @param truth       each row's label id
     * @param lexicalOnly which rows were scored on lexical features alone
     * @param sizes       each label's number of training rows
     * @param nearest     each row's nearest examples among the rows its fold model was trained on
     *                    ({@link NeighbourVote#ofOtherFolds}); null to blend in no vote
     */
    static HeldOutCalibration fit(double[][] heldOut, int[] truth, boolean[] lexicalOnly, List<String> labels,
            Map<String, Integer> sizes, LinearRouter.Settings settings,
            @Nullable List<List<NeighbourVote.Neighbour>> nearest) {
        // Rows scored on lexical features alone (in a language the embedding model does not read) and rows scored
        // with their vector are two models in effect, with scores of their own scale: each kind is calibrated
        // on its own rows. Calibrated together, the starter set's German, French and Spanish rows sharpened the
        // English tickets' probabilities (temperature 0.19 to 0.14) and more out-of-scope tickets passed.
        Calibration calibration = fit(heldOut, truth, lexicalOnly, false);
        Calibration lexicalCalibration = fit(heldOut, truth, lexicalOnly, true);
        double[][] linear = new double[heldOut.length][];
        for (int i = 0; i < heldOut.length; i++) {
            linear[i] = (lexicalOnly[i] && lexicalCalibration != null ? lexicalCalibration : calibration)
                    .probabilities(heldOut[i]);
        }
        NeighbourVote vote = nearest == null ? null
                : NeighbourVote.choose(linear, nearest, truth, settings.voteNeighbours());
        double[] thresholds = new double[labels.size()];
        int right = 0;
        List<List<double[]>> byPrediction = new ArrayList<>(Collections.nCopies(labels.size(), null));
        for (int i = 0; i < heldOut.length; i++) {
            double[] p = vote == null ? linear[i] : vote.blend(linear[i], nearest.get(i));
            int best = LinearRouter.argmax(p);
            right += best == truth[i] ? 1 : 0;
            if (byPrediction.get(best) == null) {
                byPrediction.set(best, new ArrayList<>());
            }
            byPrediction.get(best).add(new double[] {p[best], best == truth[i] ? 1 : 0});
        }
        Map<String, Double> chosen = new TreeMap<>();
        for (int c = 0; c < labels.size(); c++) {
            List<double[]> predicted = byPrediction.get(c) == null ? List.of() : byPrediction.get(c);
            double[] probabilities = predicted.stream().mapToDouble(r -> r[0]).toArray();
            boolean[] correct = new boolean[predicted.size()];
            for (int i = 0; i < correct.length; i++) {
                correct[i] = predicted.get(i)[1] > 0;
            }
            thresholds[c] = sizes.get(labels.get(c)) < settings.minLabelExamples() ? Thresholds.NEVER
                    : Thresholds.choose(probabilities, correct, settings.targetPrecision());
            chosen.put(labels.get(c), thresholds[c]);
        }
        LinearRouter.CrossValidation cv = new LinearRouter.CrossValidation((double) right / heldOut.length,
                Calibration.logLoss(heldOut, truth, calibration.temperature()), chosen);
        return new HeldOutCalibration(calibration, lexicalCalibration, vote, thresholds, cv);
    }

    /**
     * The calibration fitted on the rows of one kind; for the lexical-only kind, null when the history has no such
     * row or every row is of that kind (the main calibration then covers them all).
     */
    private static @Nullable Calibration fit(double[][] heldOut, int[] truth, boolean[] lexicalOnly, boolean kind) {
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < heldOut.length; i++) {
            if (lexicalOnly[i] == kind) {
                rows.add(i);
            }
        }
        if (rows.isEmpty() || rows.size() == heldOut.length) {
            return kind ? null : Calibration.fit(heldOut, truth);
        }
        return Calibration.fit(rows.stream().map(i -> heldOut[i]).toArray(double[][]::new),
                rows.stream().mapToInt(i -> truth[i]).toArray());
    }
}
