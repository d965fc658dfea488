package io.tickettriage.triage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;

/**
 * Trains a {@link LinearRouter}: k-fold cross-validation first, so that every training row is scored by a model
 * that did not see it, then the final model on all rows; the folds and the final model are fitted in parallel.
 * The out-of-fold scores go to {@link HeldOutCalibration}.
 */
final class RouterTraining {

    private RouterTraining() {
    }

    static LinearRouter train(List<LinearRouter.Sample> given, LinearRouter.Settings settings,
            Consumer<String> progress) {
        if (given.isEmpty()) {
            throw new IllegalArgumentException("Nothing to train on");
        }
        String embeddingLanguages = String.join(",", new TreeSet<>(settings.embeddingLanguages()));
        List<LinearRouter.Sample> samples = given.stream().map(s -> new LinearRouter.Sample(s.text(),
                RouterFeatures.readable(embeddingLanguages, s.text(), s.vector()), s.label())).toList();
        Linear.disableDebugOutput();
        List<String> labels = new ArrayList<>(new TreeMap<String, Integer>(count(samples)).keySet());
        Map<String, Integer> ids = new HashMap<>();
        labels.forEach(label -> ids.put(label, ids.size()));
        int[] truth = samples.stream().mapToInt(s -> ids.get(s.label())).toArray();

        long start = System.nanoTime();
        LexicalFeatures features = LexicalFeatures.fit(samples.stream().map(LinearRouter.Sample::text).toList());
        int embeddingDimensions = samples.stream().filter(s -> s.vector() != null).findFirst()
                .map(s -> s.vector().length).orElse(0);
        Feature[][] rows = RouterFeatures.trainingRows(features, samples, embeddingDimensions,
                settings.embeddingWeight());
        progress.accept(String.format("features: %,d lexical columns%s, %,d rows in %.1f s", features.dimensions(),
                embeddingDimensions > 0 ? " + " + embeddingDimensions + " embedding" : "", rows.length,
                seconds(start)));

        double[][] heldOut = new double[samples.size()][];
        int folds = Math.max(2, Math.min(settings.folds(), rows.length));
        int[] fold = stratifiedFolds(truth, labels.size(), folds);
        Model model = crossValidateAndFit(rows, truth, labels.size(),
                RouterFeatures.columns(features.dimensions(), embeddingDimensions), settings, folds, fold, heldOut,
                progress, start);
        progress.accept(String.format("final model trained at %.1f s", seconds(start)));
        List<List<NeighbourVote.Neighbour>> nearest = null;
        if (embeddingDimensions > 0 && settings.voteNeighbours() > 0) {
            nearest = NeighbourVote.ofOtherFolds(samples.stream().map(LinearRouter.Sample::vector).toList(), truth,
                    fold, settings.voteNeighbours(), settings.threads());
            progress.accept(String.format("nearest examples of the other folds found at %.1f s", seconds(start)));
        }

        boolean[] lexicalOnly = new boolean[rows.length];
        for (int i = 0; i < rows.length; i++) {
            lexicalOnly[i] = embeddingDimensions > 0 && samples.get(i).vector() == null;
        }
        HeldOutCalibration fitted = HeldOutCalibration.fit(heldOut, truth, lexicalOnly, labels, count(samples),
                settings, nearest);
        progress.accept(String.format("calibrated: temperature %.3f, %s, cross-validated accuracy %.4f, log loss %.4f",
                fitted.calibration().temperature(), fitted.vote() == null ? "no vote"
                        : String.format("vote of %d neighbours weighing %.2f (held-out rows fixed %d, broken %d)",
                                fitted.vote().neighbours(), fitted.vote().weight(), fitted.vote().fixed(),
                                fitted.vote().broken()),
                fitted.crossValidation().accuracy(), fitted.crossValidation().calibratedLogLoss()));
        return new LinearRouter(features, model, List.copyOf(labels), fitted.calibration(),
                fitted.lexicalCalibration(), fitted.vote(), fitted.thresholds(), embeddingDimensions, settings.embeddingWeight(),
                embeddingLanguages, fitted.crossValidation(), settings.targetPrecision());
    }

    /**
     * Fits one model per fold, each without its fold's rows, and the final model on every row, on the settings'
     * threads; fills {@code heldOut} with each row's decision values from the model that did not see it and returns
     * the final model. A fold model is dropped as soon as it has scored its fold: with many teams a model is large
     * (a weight per team and feature column), and holding every fold's until the end took as much heap as the rows.
     */
    private static Model crossValidateAndFit(Feature[][] rows, int[] truth, int labelCount, int columns,
            LinearRouter.Settings settings, int folds, int[] fold, double[][] heldOut, Consumer<String> progress,
            long start) {
        Runtime heap = Runtime.getRuntime();
        long inUse = heap.totalMemory() - heap.freeMemory();
        int threads = TrainingHeap.threads(settings.threads(), TrainingHeap.modelBytes(labelCount, columns),
                heap.maxMemory(), inUse);
        if (threads < settings.threads()) {
            progress.accept(String.format("fitting %d fold(s) at a time, not %d: the free heap holds no more models",
                    threads, settings.threads()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads,
                Thread.ofPlatform().name("router-training-", 0).daemon().factory());
        try {
            List<Future<?>> scored = new ArrayList<>();
            for (int f = 0; f < folds; f++) {
                int excluded = f;
                scored.add(pool.submit(() -> {
                    Model foldModel = fit(rows, truth, fold, excluded, columns, settings.cost(),
                            settings.classWeightPower());
                    for (int i = 0; i < rows.length; i++) {
                        if (fold[i] == excluded) {
                            heldOut[i] = LinearRouter.decisions(foldModel, rows[i], labelCount);
                        }
                    }
                }));
            }
            Future<Model> last = pool.submit(() -> fit(rows, truth, fold, folds, columns, settings.cost(),
                    settings.classWeightPower()));
            for (int f = 0; f < folds; f++) {
                scored.get(f).get();
                progress.accept(String.format("cross-validation fold %d/%d done at %.1f s", f + 1, folds,
                        seconds(start)));
            }
            return last.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Training was interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof OutOfMemoryError) {
                throw new TrainingHeap.Exhausted("Training failed: " + TrainingHeap.advice(rows.length, labelCount,
                        columns, heap.maxMemory(), inUse), e.getCause());
            }
            throw new IllegalStateException("Training failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** liblinear's model on every row outside fold {@code excluded} (on every row for the final model). */
    static Model fit(Feature[][] rows, int[] truth, int[] fold, int excluded, int columns, double cost,
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

    private static Map<String, Integer> count(List<LinearRouter.Sample> samples) {
        Map<String, Integer> counts = new HashMap<>();
        samples.forEach(s -> counts.merge(s.label(), 1, Integer::sum));
        return counts;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
