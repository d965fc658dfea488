package io.tickettriage.triage;

import java.io.Serial;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;

import org.jspecify.annotations.Nullable;

/**
 * A linear support vector machine (liblinear, one-vs-rest, squared hinge loss: scikit-learn's LinearSVC) over
 * lexical TF-IDF features and, when given, the text's embedding, with calibrated probabilities and one
 * routing threshold per label.
 *
 * <p>Training runs k-fold cross-validation first: every training row is scored by a model that did not see
 * it. Those out-of-fold scores, and only they, fit the calibration and choose the thresholds. Then the final
 * model is trained on all rows. Immutable and thread-safe once trained.
 *
 * <p>An embedding model that reads some languages only (the shipped one reads English) places a text in another
 * language somewhere its meaning does not decide: such a text is scored on its lexical features alone, in training
 * and in routing. Fitted on those vectors, the starter set's German, French and Spanish examples bent the English
 * tickets' routing (bench/routing-quality.md).
 *
 * <p>This class is the trained model as {@link ModelStore} keeps it (its fields are the stored format) and scores
 * tickets with it; {@link RouterTraining} and {@link HeldOutCalibration} train it, {@link RouterFeatures} assembles
 * the feature rows both sides use.
 */
final class LinearRouter implements Serializable {

    // Stored models are matched by ModelStore.FORMAT and RoutingModels.MODEL, not by this number.
    @Serial
    private static final long serialVersionUID = 1L;

    /** A labelled training text; {@code vector} is its embedding, or null to train on lexical features only. */
    record Sample(String text, float @Nullable [] vector, String label) {
    }

    /**
     * @param folds            cross-validation folds for calibration and thresholds
     * @param targetPrecision  precision each label's threshold must reach on held-out rows
     * @param minLabelExamples labels with fewer training rows are never routed to automatically
     * @param embeddingWeight  scale of the embedding block relative to each unit-length lexical block
     * @param cost             liblinear's C
     * @param threads          training threads (folds run in parallel)
     * @param embeddingLanguages the languages (ISO 639-1) whose vectors are used; empty for every language
     * @param classWeightPower each label's errors weigh {@code (rows / (labels * label rows))^power}: 0 weighs every
     *                         row alike, 1 is scikit-learn's {@code class_weight="balanced"}
     * @param voteNeighbours   how many nearest examples vote ({@link NeighbourVote}); 0 for no vote
     */
    record Settings(int folds, double targetPrecision, int minLabelExamples, double embeddingWeight, double cost,
            int threads, Set<String> embeddingLanguages, double classWeightPower, int voteNeighbours) {

        /**
         * The square root of "balanced": on a history of 75 teams (2 to 870 rows each) it raised the cross-checked
         * macro-F1 from 0.365 to 0.411 without costing accuracy, where full balancing cost 2 points of accuracy
         * (bench/routing-quality.md).
         */
        static final double CLASS_WEIGHT_POWER = 0.5;

        /** liblinear's C: how much a training error costs against a simpler model. */
        static final double COST = 0.5;

        /** The service's default number of neighbours ({@code triage.neighbours}). */
        static final int VOTE_NEIGHBOURS = 7;

        Settings(int folds, double targetPrecision, int minLabelExamples, double embeddingWeight, double cost,
                int threads) {
            this(folds, targetPrecision, minLabelExamples, embeddingWeight, cost, threads, Set.of(),
                    CLASS_WEIGHT_POWER, VOTE_NEIGHBOURS);
        }

        Settings readingOnly(Set<String> languages) {
            return new Settings(folds, targetPrecision, minLabelExamples, embeddingWeight, cost, threads, languages,
                    classWeightPower, voteNeighbours);
        }

        Settings withThreads(int count) {
            return new Settings(folds, targetPrecision, minLabelExamples, embeddingWeight, cost, count,
                    embeddingLanguages, classWeightPower, voteNeighbours);
        }

        Settings withClassWeightPower(double power) {
            return new Settings(folds, targetPrecision, minLabelExamples, embeddingWeight, cost, threads,
                    embeddingLanguages, power, voteNeighbours);
        }

        /**
         * For priority and tier: four and three values, not a long tail. Weighting their rare values cost the
         * hand-written severity sets two tickets net (bench/routing-quality.md), and the nearest examples are the
         * team's evidence: unweighted and without a vote.
         */
        Settings ordinal() {
            return withClassWeightPower(0).withVote(0);
        }

        /** The vote of the {@code neighbours} nearest examples, when it helps ({@link NeighbourVote}); 0 for none. */
        Settings withVote(int neighbours) {
            if (neighbours < 0) {
                throw new IllegalArgumentException("the number of voting neighbours cannot be negative");
            }
            return new Settings(folds, targetPrecision, minLabelExamples, embeddingWeight, cost, threads,
                    embeddingLanguages, classWeightPower, neighbours);
        }

        static Settings defaults(double targetPrecision, int minLabelExamples) {
            return new Settings(5, targetPrecision, minLabelExamples, 1.0, COST,
                    Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())));
        }
    }

    /** What cross-validation measured while training, kept for the model card and the report. */
    record CrossValidation(double accuracy, double calibratedLogLoss, Map<String, Double> thresholds)
            implements Serializable {
    }

    private static final double ABSENT = -10;

    private final LexicalFeatures features;
    private final Model model;
    private final List<String> labels;
    private final int[] modelOrder;
    private final Calibration calibration;
    private final @Nullable Calibration lexicalCalibration;
    private final double[] thresholds;
    private final int embeddingDimensions;
    private final double embeddingWeight;
    // comma-separated rather than a set: ModelStore.FILTER reads back plain strings
    private final String embeddingLanguages;
    private final CrossValidation crossValidation;
    private final double targetPrecision;
    private final @Nullable NeighbourVote vote;

    LinearRouter(LexicalFeatures features, Model model, List<String> labels, Calibration calibration,
            @Nullable Calibration lexicalCalibration, @Nullable NeighbourVote vote,
            double[] thresholds, int embeddingDimensions, double embeddingWeight, String embeddingLanguages,
            CrossValidation crossValidation, double targetPrecision) {
        this.targetPrecision = targetPrecision;
        this.vote = vote;
        this.embeddingLanguages = embeddingLanguages;
        this.features = features;
        this.model = model;
        this.labels = labels;
        this.modelOrder = model.getLabels();
        this.calibration = calibration;
        this.lexicalCalibration = lexicalCalibration;
        this.thresholds = thresholds;
        this.embeddingDimensions = embeddingDimensions;
        this.embeddingWeight = embeddingWeight;
        this.crossValidation = crossValidation;
    }

    /** Trains a router on {@code samples}, see {@link RouterTraining}; {@code progress} hears how far it got. */
    static LinearRouter train(List<Sample> samples, Settings settings, Consumer<String> progress) {
        return RouterTraining.train(samples, settings, progress);
    }

    List<String> labels() {
        return labels;
    }

    boolean usesEmbeddings() {
        return embeddingDimensions > 0;
    }

    /**
     * The calibrated probability of each label, in the order of {@link #labels()}, without the vote: for a model
     * that {@link #votes()}, the probabilities thresholds are set for come from
     * {@link #probabilities(String, float[], List)}.
     */
    double[] probabilities(String text, float @Nullable [] vector) {
        return probabilities(text, vector, List.of());
    }

    /**
     * The calibrated probability of each label, in the order of {@link #labels()}, with the vote of the ticket's
     * nearest examples (most similar first, labels by {@link #labelIndex}) blended in when training chose a vote
     * and the ticket is scored with its vector.
     */
    double[] probabilities(String text, float @Nullable [] vector, List<NeighbourVote.Neighbour> nearest) {
        // One language detection decides both whether the vector is a feature and which calibration applies.
        boolean readsLanguage = embeddingDimensions > 0 && RouterFeatures.reads(embeddingLanguages, text);
        float[] readable = readsLanguage ? vector : null;
        Feature[] row = RouterFeatures.row(features.transform(text), readable, features.dimensions(),
                embeddingDimensions, embeddingWeight,
                RouterFeatures.columns(features.dimensions(), embeddingDimensions), FeatureNode::new);
        boolean lexicalOnly = lexicalCalibration != null && !readsLanguage;
        double[] p = (lexicalOnly ? lexicalCalibration : calibration).probabilities(decisions(row));
        return vote == null || readable == null ? p : vote.blend(p, nearest);
    }

    /** Whether the nearest examples' vote is part of the probabilities: callers then pass the ticket's neighbours. */
    boolean votes() {
        return vote != null;
    }

    /** The vote training chose; null for none. */
    @Nullable NeighbourVote vote() {
        return vote;
    }

    /** The index of {@code label} in {@link #labels()}, -1 for a label the model does not know. */
    int labelIndex(String label) {
        return labels.indexOf(label);
    }

    /** The lowest calibrated probability at which this label is routed automatically. */
    double threshold(int label) {
        return thresholds[label];
    }

    double targetPrecision() {
        return targetPrecision;
    }

    CrossValidation crossValidation() {
        return crossValidation;
    }

    Calibration calibration() {
        return calibration;
    }

    private double[] decisions(Feature[] row) {
        return decisions(model, row, labels.size());
    }

    /** Decision values in label-id order; labels the model never saw get a clearly losing value. */
    static double[] decisions(Model model, Feature[] row, int labelCount) {
        int[] order = model.getLabels();
        double[] result = new double[labelCount];
        Arrays.fill(result, ABSENT);
        if (order.length == 1) {
            result[order[0]] = -ABSENT;
            return result;
        }
        double[] values = new double[order.length];
        Linear.predictValues(model, row, values);
        if (order.length == 2) {
            result[order[0]] = values[0];
            result[order[1]] = -values[0];
        } else {
            for (int j = 0; j < order.length; j++) {
                result[order[j]] = values[j];
            }
        }
        return result;
    }

    static int argmax(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }
}
