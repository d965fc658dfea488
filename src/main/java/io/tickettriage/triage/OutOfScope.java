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
import java.util.function.Function;

import io.tickettriage.knowledge.Vectors;

import org.jspecify.annotations.Nullable;

/**
 * Asks whether a ticket belongs to any team at all. The routing probabilities are calibrated among the known
 * teams only: a broken chair or a sparking microwave is "most like Hardware" and gets a high probability although
 * it is no IT ticket. So the ticket is also compared with a set of requests that belong to no IT team (facilities,
 * catering, finance, sales, travel...; {@value #RESOURCE}): when it reads more like one of those than like the
 * closest example of the team it would go to, it is out of scope and goes to Manual Review with the reason.
 *
 * <p>A comparison with the team's own closest example, not a fixed similarity floor: a customer whose history has
 * a Facilities team keeps routing facilities tickets to it, because their examples are closer than these
 * references. Texts unlike anything at all are refused earlier, by {@code triage.min-similarity}.
 */
final class OutOfScope {

    static final String RESOURCE = "triage/out-of-scope-references.txt";

    /** How much closer to a reference than to the team's best example a ticket must be to be refused. */
    static final double MARGIN = 0.03;

    /** A request no team owns, and its embedding. */
    record Reference(String category, String text, float[] vector) {
    }

    private final List<Reference> references;

    OutOfScope(List<Reference> references) {
        this.references = List.copyOf(references);
    }

    /** The references shipped with the product, embedded by {@code embed}. */
    static OutOfScope load(Function<String, float[]> embed) {
        List<Reference> references = new ArrayList<>();
        for (String[] line : lines()) {
            references.add(new Reference(line[0], line[1], embed.apply(line[1])));
        }
        return new OutOfScope(references);
    }

    private static List<String[]> lines() {
        InputStream in = OutOfScope.class.getClassLoader().getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException(RESOURCE + " is missing from the application");
        }
        List<String[]> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                int bar = line.indexOf('|');
                if (line.isBlank() || line.startsWith("#") || bar < 0) {
                    continue;
                }
                lines.add(new String[] {line.substring(0, bar).strip(), line.substring(bar + 1).strip()});
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }

    int size() {
        return references.size();
    }

    /**
     * @param vector              the ticket's embedding
     * @param team                the team it would be routed to
     * @param teamSimilarity      its similarity to that team's closest example (an upper bound will do: the
     *                            least similar of the nearest examples when none of them is the team's)
     * @return why the ticket is out of scope, in words; null when it is not
     */
    @Nullable String reason(float[] vector, String team, double teamSimilarity) {
        Reference closest = null;
        double best = Double.NEGATIVE_INFINITY;
        for (Reference reference : references) {
            double similarity = Vectors.dot(vector, reference.vector());
            if (similarity > best) {
                best = similarity;
                closest = reference;
            }
        }
        if (closest == null || best <= teamSimilarity + MARGIN) {
            return null;
        }
        return String.format(Locale.ROOT, "Out of scope: reads like a %s request (%.2f similar to \"%s\") more than "
                + "like any %s ticket (closest example %.2f)", closest.category(), best, closest.text(), team,
                teamSimilarity);
    }
}
