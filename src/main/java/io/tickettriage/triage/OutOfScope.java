package io.tickettriage.triage;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

import io.tickettriage.knowledge.Vectors;

import org.jspecify.annotations.Nullable;

/**
 * Asks whether a ticket belongs to any team at all. The routing probabilities are calibrated among the known
 * teams only: a broken chair or a sparking microwave is "most like Hardware" and gets a high probability although
 * it is no IT ticket. So the ticket is also compared with a set of requests that belong to no IT team (facilities,
 * catering, finance, sales, travel...; {@value #RESOURCE}): when it reads more like one of those than like the
 * closest example of the team it would go to, it is out of scope and goes to Manual Review with the reason. The
 * references are written in English, German, French and Spanish (a {@code [de]} line starts the German ones), and a
 * ticket is compared with those in its language, as with the teams' examples ({@link SameLanguage}).
 *
 * <p>A comparison with the team's own closest example, not a fixed similarity floor: a customer whose history has
 * a Facilities team keeps routing facilities tickets to it, because their examples are closer than these
 * references. Texts unlike anything at all are refused earlier, by {@code triage.min-similarity}.
 */
final class OutOfScope {

    static final String RESOURCE = "triage/out-of-scope-references.txt";

    /** How much closer to a reference than to the team's best example a ticket must be to be refused. */
    static final double MARGIN = 0.03;

    /**
     * The same for a ticket in a language the embedding model does not read, whose similarities are mostly noise
     * (the shipped model puts "Souris sans fil qui ne répond plus" 0.51 near a flight to Lyon). Chosen on the starter
     * examples, each compared with the rest: the smallest margin (of 0.03, 0.05, 0.08, 0.10, 0.12) at which no more of
     * the German, French and Spanish examples would be refused than of the English ones at {@link #MARGIN} (3.1%);
     * see bench/routing-quality.md.
     */
    static final double MARGIN_UNREAD = 0.12;

    /** The language of the references before the first {@code [xx]} line of the file. */
    static final String DEFAULT_LANGUAGE = "en";

    /** A request no team owns, as the file has it: its category, its text and the language it is written in. */
    record Request(String category, String text, String language) {
    }

    /** A request no team owns, the language it is written in, and its embedding. */
    record Reference(String category, String text, String language, float[] vector) {
    }

    private final List<Reference> references;
    private final Set<String> modelLanguages;

    /** @param modelLanguages the languages the embedding model reads; empty for every language */
    OutOfScope(List<Reference> references, Set<String> modelLanguages) {
        this.references = List.copyOf(references);
        this.modelLanguages = Set.copyOf(modelLanguages);
    }

    /** The references shipped with the product, embedded by {@code embed}, a model that reads {@code languages}. */
    static OutOfScope load(Function<String, float[]> embed, Set<String> languages) {
        List<Reference> references = new ArrayList<>();
        for (Request request : requests()) {
            references.add(new Reference(request.category(), request.text(), request.language(),
                    embed.apply(request.text())));
        }
        return new OutOfScope(references, languages);
    }

    /** The requests of {@value #RESOURCE}, in the file's order. */
    static List<Request> requests() {
        InputStream in = OutOfScope.class.getClassLoader().getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException(RESOURCE + " is missing from the application");
        }
        List<Request> lines = new ArrayList<>();
        String language = DEFAULT_LANGUAGE;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String stripped = line.strip();
                if (stripped.startsWith("[") && stripped.endsWith("]")) {
                    language = stripped.substring(1, stripped.length() - 1).strip();
                    continue;
                }
                int bar = line.indexOf('|');
                if (line.isBlank() || line.startsWith("#") || bar < 0) {
                    continue;
                }
                lines.add(new Request(line.substring(0, bar).strip(), line.substring(bar + 1).strip(), language));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }

    int size() {
        return references.size();
    }

    List<Reference> references() {
        return references;
    }

    /**
     * @param vector              the ticket's embedding
     * @param language            the language it is compared in ({@link SameLanguage#of}): only references in
     *                            that language count; null when the embedding model reads every language
     * @param team                the team it would be routed to
     * @param teamSimilarity      its similarity to that team's closest example (an upper bound will do: the
     *                            least similar of the nearest examples when none of them is the team's)
     * @return why the ticket is out of scope, in words; null when it is not
     */
    @Nullable String reason(float[] vector, @Nullable String language, String team, double teamSimilarity) {
        Reference closest = null;
        double best = Double.NEGATIVE_INFINITY;
        for (Reference reference : references) {
            if (!SameLanguage.comparable(language, reference.language())) {
                continue;
            }
            double similarity = Vectors.dot(vector, reference.vector());
            if (similarity > best) {
                best = similarity;
                closest = reference;
            }
        }
        double margin = language == null || modelLanguages.isEmpty() || modelLanguages.contains(language) ? MARGIN
                : MARGIN_UNREAD;
        if (closest == null || best <= teamSimilarity + margin) {
            return null;
        }
        return String.format(Locale.ROOT, "Out of scope: reads like %s (%.2f similar to \"%s\") more than "
                + "like any %s ticket (closest example %.2f)", request(closest.category()), best, closest.text(), team,
                teamSimilarity);
    }

    /** "a travel request", "an office request". */
    static String request(String category) {
        return ("aeiou".indexOf(Character.toLowerCase(category.charAt(0))) >= 0 ? "an " : "a ") + category
                + " request";
    }
}
