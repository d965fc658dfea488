package io.tickettriage.triage;

import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;

import io.tickettriage.ticket.TicketLanguage;

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
     */
    record Settings(int folds, double targetPrecision, int minLabelExamples, double embeddingWeight, double cost,
            int threads, Set<String> embeddingLanguages, double classWeightPower) {

        /**
         * The square root of "balanced": on a history of 75 teams (2 to 870 rows each) it raised the cross-checked
         * macro-F1 from 0.365 to 0.411 without costing accuracy, where full balancing cost 2 points of accuracy
         * (bench/routing-quality.md).
         */
        static final double CLASS_WEIGHT_POWER = 0.5;

        Settings(int folds, double targetPrecision, int minLabelExamples, double embeddingWeight, double cost,
                int threads) {
            this(folds, targetPrecision, minLabelExamples, embeddingWeight, cost, threads, Set.of(),
                    CLASS_WEIGHT_POWER);
        }

        Settings readingOnly(Set<String> languages) {
            return new Settings(folds, targetPrecision, minLabelExamples, embeddingWeight, cost, threads, languages,
                    classWeightPower);
        }

        Settings withThreads(int count) {
            return new Settings(folds, targetPrecision, minLabelExamples, embeddingWeight, cost, count,
                    embeddingLanguages, classWeightPower);
        }

        Settings withClassWeightPower(double power) {
            return new Settings(folds, targetPrecision, minLabelExamples, embeddingWeight, cost, threads,
                    embeddingLanguages, power);
        }

        static Settings defaults(double targetPrecision, int minLabelExamples) {
            return new Settings(5, targetPrecision, minLabelExamples, 1.0, 0.5,
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

    private LinearRouter(LexicalFeatures features, Model model, List<String> labels, Calibration calibration,
            @Nullable Calibration lexicalCalibration,
            double[] thresholds, int embeddingDimensions, double embeddingWeight, String embeddingLanguages,
            CrossValidation crossValidation, double targetPrecision) {
        this.targetPrecision = targetPrecision;
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

    static LinearRouter train(List<Sample> given, Settings settings, Consumer<String> progress) {
        if (given.isEmpty()) {
            throw new IllegalArgumentException("Nothing to train on");
        }
        String embeddingLanguages = String.join(",", new TreeSet<>(settings.embeddingLanguages()));
        List<Sample> samples = given.stream()
                .map(s -> new Sample(s.text(), readable(embeddingLanguages, s.text(), s.vector()), s.label()))
                .toList();
        Linear.disableDebugOutput();
        List<String> labels = new ArrayList<>(new TreeMap<String, Integer>(count(samples)).keySet());
        Map<String, Integer> ids = new HashMap<>();
        labels.forEach(label -> ids.put(label, ids.size()));
        int[] truth = samples.stream().mapToInt(s -> ids.get(s.label())).toArray();

        long start = System.nanoTime();
        LexicalFeatures features = LexicalFeatures.fit(samples.stream().map(Sample::text).toList());
        int embeddingDimensions = samples.stream().filter(s -> s.vector() != null).findFirst()
                .map(s -> s.vector().length).orElse(0);
        Feature[][] rows = trainingRows(features, samples, embeddingDimensions, settings.embeddingWeight());
        int columns = features.dimensions() + embeddingDimensions + 1;
        progress.accept(String.format("features: %,d lexical columns%s, %,d rows in %.1f s", features.dimensions(),
                embeddingDimensions > 0 ? " + " + embeddingDimensions + " embedding" : "", rows.length,
                seconds(start)));

        int folds = Math.max(2, Math.min(settings.folds(), samples.size()));
        int[] fold = stratifiedFolds(truth, labels.size(), folds);
        double[][] heldOut = new double[samples.size()][];
        ExecutorService pool = Executors.newFixedThreadPool(settings.threads(),
                Thread.ofPlatform().name("router-training-", 0).daemon().factory());
        try {
            List<Future<Model>> trained = new ArrayList<>();
            for (int f = 0; f <= folds; f++) {
                int excluded = f;
                trained.add(pool.submit(() -> fit(rows, truth, fold, excluded, columns, settings.cost(),
                        settings.classWeightPower())));
            }
            for (int f = 0; f < folds; f++) {
                Model foldModel = trained.get(f).get();
                for (int i = 0; i < rows.length; i++) {
                    if (fold[i] == f) {
                        heldOut[i] = decisions(foldModel, rows[i], labels.size());
                    }
                }
                progress.accept(String.format("cross-validation fold %d/%d done at %.1f s", f + 1, folds,
                        seconds(start)));
            }
            Model model = trained.get(folds).get();
            progress.accept(String.format("final model trained at %.1f s", seconds(start)));

            // Rows scored on lexical features alone (in a language the embedding model does not read) and rows scored
            // with their vector are two models in effect, with scores of their own scale: each kind is calibrated
            // on its own rows. Calibrated together, the starter set's German, French and Spanish rows sharpened the
            // English tickets' probabilities (temperature 0.19 to 0.14) and more out-of-scope tickets passed.
            boolean[] lexicalOnly = new boolean[rows.length];
            for (int i = 0; i < rows.length; i++) {
                lexicalOnly[i] = embeddingDimensions > 0 && samples.get(i).vector() == null;
            }
            Calibration calibration = fit(heldOut, truth, lexicalOnly, false);
            Calibration lexicalCalibration = fit(heldOut, truth, lexicalOnly, true);
            Map<String, Integer> sizes = count(samples);
            double[] thresholds = new double[labels.size()];
            int right = 0;
            List<List<double[]>> byPrediction = new ArrayList<>(Collections.nCopies(labels.size(), null));
            for (int i = 0; i < rows.length; i++) {
                double[] p = (lexicalOnly[i] && lexicalCalibration != null ? lexicalCalibration : calibration)
                        .probabilities(heldOut[i]);
                int best = argmax(p);
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
            CrossValidation cv = new CrossValidation((double) right / rows.length,
                    Calibration.logLoss(heldOut, truth, calibration.temperature()), chosen);
            progress.accept(String.format("calibrated: temperature %.3f, cross-validated accuracy %.4f, log loss %.4f",
                    calibration.temperature(), cv.accuracy(), cv.calibratedLogLoss()));
            return new LinearRouter(features, model, List.copyOf(labels), calibration, lexicalCalibration, thresholds,
                    embeddingDimensions, settings.embeddingWeight(), embeddingLanguages, cv, settings.targetPrecision());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Training was interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Training failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    List<String> labels() {
        return labels;
    }

    boolean usesEmbeddings() {
        return embeddingDimensions > 0;
    }

    /** The calibrated probability of each label, in the order of {@link #labels()}. */
    double[] probabilities(String text, float @Nullable [] vector) {
        Feature[] row = row(features.transform(text),
                embeddingDimensions > 0 ? readable(embeddingLanguages, text, vector) : null,
                features.dimensions(), embeddingDimensions, embeddingWeight,
                features.dimensions() + embeddingDimensions + 1, FeatureNode::new);
        boolean lexicalOnly = lexicalCalibration != null && !reads(embeddingLanguages, text);
        return (lexicalOnly ? lexicalCalibration : calibration).probabilities(decisions(row));
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
    private static double[] decisions(Model model, Feature[] row, int labelCount) {
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

    private static Model fit(Feature[][] rows, int[] truth, int[] fold, int excluded, int columns, double cost,
            double classWeightPower) {
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            if (fold[i] != excluded) {
                kept.add(i);
            }
        }
        Problem problem = new Problem();
        problem.l = kept.size();
        problem.n = columns;
        problem.bias = 1;
        problem.x = new Feature[kept.size()][];
        problem.y = new double[kept.size()];
        for (int i = 0; i < kept.size(); i++) {
            problem.x[i] = rows[kept.get(i)];
            problem.y[i] = truth[kept.get(i)];
        }
        Parameter parameter = new Parameter(SolverType.L2R_L2LOSS_SVC_DUAL, cost, 0.01);
        parameter.setRandom(new Random(42));
        if (classWeightPower > 0) {
            // Small teams' rows weigh more: unweighted, a team of 5 examples among 3,000 is nearly always out-voted by
            // its large neighbours, and the long tail is never predicted at all.
            Map<Integer, Integer> sizes = new TreeMap<>();
            for (double y : problem.y) {
                sizes.merge((int) y, 1, Integer::sum);
            }
            int[] weightLabels = sizes.keySet().stream().mapToInt(Integer::intValue).toArray();
            double[] weights = new double[weightLabels.length];
            for (int i = 0; i < weights.length; i++) {
                weights[i] = Math.pow((double) problem.l / ((double) weightLabels.length * sizes.get(weightLabels[i])),
                        classWeightPower);
            }
            parameter.setWeights(weights, weightLabels);
        }
        return Linear.train(problem, parameter);
    }

    /**
     * The feature rows liblinear trains on, one per sample. Rows share their feature objects through a
     * {@link FeaturePool}: 38,000 tickets took 954 MB of heap as fresh objects and take a quarter of that shared.
     */
    static Feature[][] trainingRows(LexicalFeatures features, List<Sample> samples, int embeddingDimensions,
            double embeddingWeight) {
        Feature[][] rows = new Feature[samples.size()][];
        int columns = features.dimensions() + embeddingDimensions + 1;
        FeaturePool pool = new FeaturePool();
        for (int i = 0; i < rows.length; i++) {
            rows[i] = row(features.transform(samples.get(i).text()), samples.get(i).vector(), features.dimensions(),
                    embeddingDimensions, embeddingWeight, columns, pool::get);
        }
        return rows;
    }

    private interface Features {
        Feature of(int column, double value);
    }

    private static Feature[] row(LexicalFeatures.Sparse lexical, float @Nullable [] vector, int lexicalColumns,
            int embeddingDimensions, double embeddingWeight, int columns, Features features) {
        boolean embedded = vector != null && embeddingDimensions > 0;
        Feature[] row = new Feature[lexical.index().length + (embedded ? embeddingDimensions : 0) + 1];
        int at = 0;
        for (int i = 0; i < lexical.index().length; i++) {
            row[at++] = features.of(lexical.index()[i] + 1, lexical.value()[i]);
        }
        if (embedded) {
            for (int d = 0; d < embeddingDimensions; d++) {
                row[at++] = features.of(lexicalColumns + d + 1, vector[d] * embeddingWeight);
            }
        }
        row[at] = features.of(columns, 1);
        return row;
    }

    /** Deals each label's rows round-robin over the folds, so every fold sees every label it can. */
    static int[] stratifiedFolds(int[] truth, int labelCount, int folds) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < truth.length; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(7));
        int[] next = new int[labelCount];
        // Each label starts at a different fold, so labels with a single row do not all land in the same one.
        int[] start = new int[labelCount];
        int seen = 0;
        int[] fold = new int[truth.length];
        for (int i : order) {
            if (next[truth[i]] == 0) {
                start[truth[i]] = seen++ % folds;
            }
            fold[i] = (start[truth[i]] + next[truth[i]]++) % folds;
        }
        return fold;
    }

    /**
     * The vector when the embedding model reads the text's language (or every language, or the language cannot be
     * told), else null: the text is then scored on its lexical features.
     */
    private static float @Nullable [] readable(String languages, String text, float @Nullable [] vector) {
        return vector == null || reads(languages, text) ? vector : null;
    }

    private static boolean reads(String languages, String text) {
        if (languages.isEmpty()) {
            return true;
        }
        String language = TicketLanguage.detect(text);
        return language == null || ("," + languages + ",").contains("," + language + ",");
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

    static int argmax(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    private static Map<String, Integer> count(List<Sample> samples) {
        Map<String, Integer> counts = new HashMap<>();
        samples.forEach(s -> counts.merge(s.label(), 1, Integer::sum));
        return counts;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
