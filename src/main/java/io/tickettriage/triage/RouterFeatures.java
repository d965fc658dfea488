package io.tickettriage.triage;

import java.util.List;

import de.bwaldvogel.liblinear.Feature;

import io.tickettriage.ticket.TicketLanguage;

import org.jspecify.annotations.Nullable;

/**
 * The feature rows {@link LinearRouter} trains and scores on: a text's lexical TF-IDF features, then its embedding
 * (scaled by the embedding weight) when the embedding model reads the text's language, then a bias column. Training
 * and routing assemble their rows here, so a ticket is scored on the very columns the model was trained on.
 */
final class RouterFeatures {

    /** Makes one feature; training shares equal ones through a {@link FeaturePool}, routing makes fresh ones. */
    interface Factory {
        Feature of(int column, double value);
    }

    private RouterFeatures() {
    }

    /** The number of columns of a row: the lexical ones, the embedding's, and the bias. */
    static int columns(int lexicalColumns, int embeddingDimensions) {
        return lexicalColumns + embeddingDimensions + 1;
    }

    /**
     * The feature rows liblinear trains on, one per sample. Rows share their feature objects through a
     * {@link FeaturePool}: 38,000 tickets took 954 MB of heap as fresh objects and take a quarter of that shared.
     */
    static Feature[][] trainingRows(LexicalFeatures features, List<LinearRouter.Sample> samples,
            int embeddingDimensions, double embeddingWeight) {
        Feature[][] rows = new Feature[samples.size()][];
        int columns = columns(features.dimensions(), embeddingDimensions);
        FeaturePool pool = new FeaturePool();
        for (int i = 0; i < rows.length; i++) {
            rows[i] = row(features.transform(samples.get(i).text()), samples.get(i).vector(), features.dimensions(),
                    embeddingDimensions, embeddingWeight, columns, pool::get);
        }
        return rows;
    }

    /** One text's row; {@code vector} is left out when null or when the model uses no embedding. */
    static Feature[] row(LexicalFeatures.Sparse lexical, float @Nullable [] vector, int lexicalColumns,
            int embeddingDimensions, double embeddingWeight, int columns, Factory features) {
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

    /**
     * The vector when the embedding model reads the text's language (or every language, or the language cannot be
     * told), else null: the text is then scored on its lexical features.
     *
     * @param languages the languages the embedding model reads, comma-separated; empty for every language
     */
    static float @Nullable [] readable(String languages, String text, float @Nullable [] vector) {
        return vector == null || reads(languages, text) ? vector : null;
    }

    /** Whether the embedding model reads the text's language ({@code languages} as for {@link #readable}). */
    static boolean reads(String languages, String text) {
        if (languages.isEmpty()) {
            return true;
        }
        String language = TicketLanguage.detect(text);
        return language == null || ("," + languages + ",").contains("," + language + ",");
    }
}
