package io.tickettriage.triage;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.tickettriage.ticket.TicketLanguage;

import org.jspecify.annotations.Nullable;

/**
 * Which examples a ticket may be compared with by embedding similarity. An embedding model that reads some languages
 * only (the shipped one reads English) places texts of other languages near each other and near gibberish, whatever
 * they say: "Lorem ipsum" came out 0.3 similar to Spanish examples and passed the minimum similarity. With such a
 * model a ticket is compared with examples in its own language; a text whose language cannot be told counts as the
 * model's own language. With a model that reads every language, every example counts.
 */
final class SameLanguage {

    private SameLanguage() {
    }

    /** The language {@code text} is compared in, or null when every example may be compared with it. */
    static @Nullable String of(String title, String description, Set<String> modelLanguages) {
        if (modelLanguages.isEmpty()) {
            return null;
        }
        String language = TicketLanguage.detect(title, description);
        return language != null ? language : new TreeSet<>(modelLanguages).first();
    }

    static boolean comparable(@Nullable String ticket, @Nullable String example) {
        return ticket == null || example == null || ticket.equals(example);
    }

    /**
     * The first {@code k} of {@code nearest} (most similar first) in the ticket's language; none when none is. Examples
     * in other languages are no evidence: their similarity says nothing about what the ticket is about, and a ticket
     * that is near no example in its language is unlike anything known, whatever other languages hold ("Lorem
     * ipsum" counted as English came out 0.4 similar to French and Spanish examples).
     */
    static <T> List<T> nearest(List<T> nearest, int k, @Nullable String language,
            java.util.function.Function<T, @Nullable String> languageOf) {
        if (language == null) {
            return nearest.subList(0, Math.min(k, nearest.size()));
        }
        return nearest.stream().filter(n -> comparable(language, languageOf.apply(n))).limit(k).toList();
    }
}
