package io.tickettriage.triage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;

import io.tickettriage.ticket.TicketLanguage;

import org.jspecify.annotations.Nullable;

/**
 * The out-of-scope check for tickets in the languages the embedding model does not read (with the shipped model:
 * German, French and Spanish). Between such texts embedding similarities are mostly noise, so {@link OutOfScope}'s
 * comparison lets through a third of the requests no team owns ("Erstattung meiner Reisekosten fehlt noch" went to
 * the HR Team). This model reads their words instead: a linear model over the lexical features of the history's
 * examples in those languages, a class per team, and of the out-of-scope references in those languages, a class of
 * their own. A ticket it puts in that class is out of scope. One class among the teams, not a yes-or-no model of
 * "in scope": a travel request is unlike each team's examples although it shares words with all of them together,
 * and the yes-or-no form caught 19 of 60 such requests where this one catches 46 (bench/routing-quality.md).
 *
 * <p>Trained beside the routing model from the same examples, in a fraction of its time (one fit, no
 * cross-validation); liblinear's solver is seeded, so every process that trains it from the same examples holds the
 * same model. Immutable and thread-safe.
 */
final class ScopeModel {

    private final LexicalFeatures features;
    private final Model model;
    private final int outOfScope;
    private final int labelCount;
    private final Set<String> languages;
    private final List<OutOfScope.Request> references;
    private final List<LexicalFeatures.Sparse> referenceFeatures;

    private ScopeModel(LexicalFeatures features, Model model, int outOfScope, int labelCount, Set<String> languages,
            List<OutOfScope.Request> references) {
        this.features = features;
        this.model = model;
        this.outOfScope = outOfScope;
        this.labelCount = labelCount;
        this.languages = Collections.unmodifiableSet(new TreeSet<>(languages));
        this.references = List.copyOf(references);
        this.referenceFeatures = references.stream().map(r -> features.transform(r.text())).toList();
    }

    /**
     * The model for the examples among {@code examples} (texts as {@code TicketText} makes them, labelled by team)
     * whose language the embedding model does not read, and the references in those languages; null when the
     * embedding model reads every language, or no other language has more examples than references.
     *
     * @param modelLanguages the languages the embedding model reads; empty for every language
     */
    static @Nullable ScopeModel train(List<LinearRouter.Sample> examples, List<OutOfScope.Request> requests,
            Set<String> modelLanguages) {
        if (modelLanguages.isEmpty()) {
            return null;
        }
        Map<String, List<LinearRouter.Sample>> byLanguage = new TreeMap<>();
        for (LinearRouter.Sample example : examples) {
            String language = TicketLanguage.detect(example.text());
            if (language != null && !modelLanguages.contains(language)) {
                byLanguage.computeIfAbsent(language, l -> new ArrayList<>()).add(example);
            }
        }
        // A language is judged by words when the history has more examples in it than there are references: with a
        // handful (an English history's few texts the detector takes for Spanish), the references' class would
        // outweigh every team.
        Map<String, Long> referencesPerLanguage = requests.stream()
                .collect(Collectors.groupingBy(OutOfScope.Request::language, Collectors.counting()));
        byLanguage.entrySet().removeIf(language -> language.getValue().size()
                <= referencesPerLanguage.getOrDefault(language.getKey(), Long.MAX_VALUE));
        Set<String> languages = byLanguage.keySet();
        List<OutOfScope.Request> references = requests.stream()
                .filter(r -> languages.contains(r.language())).toList();
        if (references.isEmpty()) {
            return null;
        }
        List<String> texts = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        byLanguage.values().forEach(samples -> samples.forEach(example -> {
            texts.add(example.text());
            labels.add(example.label());
        }));
        Map<String, Integer> ids = new HashMap<>();
        labels.stream().sorted().forEach(label -> ids.putIfAbsent(label, ids.size()));
        int outOfScope = ids.size();
        int[] truth = new int[texts.size() + references.size()];
        for (int i = 0; i < labels.size(); i++) {
            truth[i] = ids.get(labels.get(i));
        }
        for (int i = 0; i < references.size(); i++) {
            texts.add(references.get(i).text());
            truth[labels.size() + i] = outOfScope;
        }
        LexicalFeatures features = LexicalFeatures.fit(texts);
        List<LinearRouter.Sample> samples = texts.stream().map(text -> new LinearRouter.Sample(text, null, "")).toList();
        Feature[][] rows = RouterFeatures.trainingRows(features, samples, 0, 0);
        Linear.disableDebugOutput();
        // As for the teams: liblinear's squared hinge loss at the same cost, small classes' rows weighing more.
        Model model = RouterTraining.fit(rows, truth, new int[rows.length], -1,
                RouterFeatures.columns(features.dimensions(), 0), LinearRouter.Settings.COST,
                LinearRouter.Settings.CLASS_WEIGHT_POWER);
        return new ScopeModel(features, model, outOfScope, outOfScope + 1, languages, references);
    }

    /** The languages this model judges, sorted: those of the history's examples the embedding model does not read. */
    Set<String> languages() {
        return languages;
    }

    /**
     * Why {@code text} is out of scope, in words; null when it is not, or when it is in a language this model does
     * not judge.
     *
     * @param language the text's language ({@link SameLanguage#of})
     * @param team     the team it would be routed to
     */
    @Nullable String reason(String text, @Nullable String language, String team) {
        if (language == null || !languages.contains(language)) {
            return null;
        }
        LexicalFeatures.Sparse lexical = features.transform(text);
        Feature[] row = RouterFeatures.row(lexical, null, features.dimensions(), 0, 0,
                RouterFeatures.columns(features.dimensions(), 0), FeatureNode::new);
        if (LinearRouter.argmax(LinearRouter.decisions(model, row, labelCount)) != outOfScope) {
            return null;
        }
        OutOfScope.Request closest = null;
        double best = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < references.size(); i++) {
            if (!references.get(i).language().equals(language)) {
                continue;
            }
            double overlap = dot(lexical, referenceFeatures.get(i));
            if (overlap > best) {
                best = overlap;
                closest = references.get(i);
            }
        }
        return closest == null
                ? "Out of scope: its words read like a request no team owns more than like any " + team + " ticket"
                : String.format(Locale.ROOT, "Out of scope: its words read like %s (such as \"%s\") more than "
                        + "like any %s ticket", OutOfScope.request(closest.category()), closest.text(), team);
    }

    private static double dot(LexicalFeatures.Sparse a, LexicalFeatures.Sparse b) {
        double sum = 0;
        int i = 0;
        int j = 0;
        while (i < a.index().length && j < b.index().length) {
            if (a.index()[i] == b.index()[j]) {
                sum += (double) a.value()[i++] * b.value()[j++];
            } else if (a.index()[i] < b.index()[j]) {
                i++;
            } else {
                j++;
            }
        }
        return sum;
    }
}
