package io.tickettriage.ticket;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Tells which of the languages the starter examples are written in (English, German, French, Spanish) a ticket is
 * written in, from its function words ("the", "nicht", "est", "el", ...) and the letters only one of them uses
 * (ß, ñ, ó, ç, ...). Product names, error codes and IT jargon ("VPN", "Outlook", "Teams") are shared by all four and
 * count for none.
 *
 * <p>Written here rather than taken from a library: the detectors on Maven Central either ship profiles for dozens
 * of languages (Lingua's jar holds about 100 MB of models) or pull in an old Guava (language-detector 0.6), while
 * tickets in four languages are told apart reliably by a few hundred words. A text too short or too mixed to tell
 * ("VPN down") has no language rather than a guess.
 */
public final class TicketLanguage {

    /** The languages it tells apart, as ISO 639-1 codes. */
    public static final List<String> CODES = List.of("en", "de", "fr", "es");

    private static final int MIN_SCORE = 3;
    /** Enough to tell; a long ticket's first lines say as much as the whole. */
    private static final int MAX_CHARS = 600;
    private static final double MIN_MARGIN = 1.5;
    /** A lead at which reading stops: most tickets are told by their first sentence. */
    private static final int CLEAR_SCORE = 8;
    private static final double CLEAR_MARGIN = 3;

    private static final Map<String, Set<String>> WORDS = Map.of(
            "en", Set.of("the", "and", "is", "are", "was", "were", "not", "it", "this", "that", "with", "my", "i",
                    "to", "of", "in", "on", "for", "have", "has", "had", "be", "been", "can", "can't", "cannot",
                    "don't", "doesn't", "won't", "isn't", "it's", "i'm", "i've", "when", "what", "how", "after",
                    "from", "but", "me", "we", "our", "you", "your", "please", "need", "keeps", "any", "since",
                    "there", "get", "got", "all", "again", "still", "working", "would", "should", "which", "only",
                    "just", "does", "do", "did", "at", "by", "an", "a", "up", "out", "no", "its", "they", "every",
                    "new", "today", "yesterday", "someone", "anyone", "who", "where", "why", "now", "will", "shows",
                    "he", "his", "him", "she", "her", "hi", "hello", "dear", "regards", "thanks"),
            "de", Set.of("der", "die", "das", "und", "ist", "nicht", "ich", "mein", "meine", "meinem", "meinen",
                    "meiner", "ein", "eine", "einen", "einem", "einer", "mit", "auf", "für", "von", "zu", "zum",
                    "zur", "im", "den", "dem", "des", "es", "sich", "bei", "kann", "können", "keine", "kein", "seit",
                    "wird", "werden", "wurde", "habe", "hat", "haben", "auch", "noch", "nur", "mehr", "bitte",
                    "wenn", "aber", "oder", "wie", "was", "wir", "uns", "unser", "unsere", "heute", "immer",
                    "geht", "funktioniert", "nach", "beim", "vom", "ins", "am", "dass", "sie", "er", "ob", "schon",
                    "jetzt", "gestern", "ohne", "alle", "über", "zeigt", "brauche", "mir", "mich", "sind", "war"),
            "fr", Set.of("le", "la", "les", "un", "une", "des", "du", "de", "et", "est", "pas", "ne", "n'",
                    "je", "j'", "mon", "ma", "mes", "sur", "pour", "dans", "avec", "il", "elle", "qui", "que",
                    "qu'", "au", "aux", "ce", "cette", "ces", "plus", "depuis", "mais", "ou", "nous", "vous",
                    "notre", "votre", "leur", "sont", "ont", "été", "être", "avoir", "peut", "puis", "fait",
                    "l'", "d'", "s'", "c'est", "m'", "rien", "tout", "tous", "toutes", "très", "aussi", "encore",
                    "quand", "chez", "par", "ai", "a", "son", "sa", "ses", "on", "y", "merci", "impossible",
                    "aujourd'hui", "hier", "matin", "besoin", "marche", "fonctionne", "n'est", "s'il", "en",
                    "voudrais", "souhaite", "faire", "suis", "sans", "faut", "pouvez", "avez", "mois", "nouveau",
                    "nouvelle"),
            "es", Set.of("el", "la", "los", "las", "un", "una", "unos", "unas", "de", "del", "y", "es", "no",
                    "en", "con", "por", "para", "que", "mi", "mis", "se", "me", "lo", "al", "su", "sus", "está",
                    "están", "esta", "este", "estoy", "hay", "pero", "muy", "desde", "cuando", "como", "ya",
                    "sin", "también", "todo", "todos", "nada", "puedo", "puede", "tengo", "tiene", "necesito",
                    "ha", "han", "hemos", "sigue", "otra", "otro", "ni", "hoy", "ayer", "mañana", "funciona",
                    "nos", "le", "les", "o", "pasa", "cada", "vez", "día", "días", "ordenador", "sale", "aparece", "a",
                    "quiero", "necesita", "nueva", "nuevo", "qué", "cómo", "dónde", "hace", "tarda", "va", "son",
                    "era"));

    /** For each word, what it counts for each language (in the order of {@link #CODES}). */
    private static final Map<String, double[]> WEIGHTS = weights();

    /** Letters that occur in one of the four languages only; each counts like a word. */
    private static final Map<Character, Integer> LETTERS = letters();

    private TicketLanguage() {
    }

    /** The language of a ticket's title and description, or null when it cannot be told. */
    public static @Nullable String detect(@Nullable String title, @Nullable String description) {
        return detect((title == null ? "" : title) + " " + (description == null ? "" : description));
    }

    /** The ISO 639-1 code of the language {@code text} is written in, or null when it cannot be told. */
    public static @Nullable String detect(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String sample = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
        if (!Normalizer.isNormalized(sample, Normalizer.Form.NFC)) {
            sample = Normalizer.normalize(sample, Normalizer.Form.NFC);
        }
        String lower = sample.toLowerCase(Locale.ROOT).replace('’', '\'');
        double[] scores = new double[CODES.size()];
        int start = -1;
        for (int i = 0; i <= lower.length(); i++) {
            char c = i < lower.length() ? lower.charAt(i) : ' ';
            Integer letter = c < 0xBF ? null : LETTERS.get(c);
            if (letter != null) {
                scores[letter]++;
            }
            if (Character.isLetter(c) || c == '\'') {
                start = start < 0 ? i : start;
            } else if (start >= 0) {
                count(lower.substring(start, i), scores);
                start = -1;
                if (clear(scores)) {
                    break;
                }
            }
        }
        int best = -1;
        double bestScore = 0;
        double second = 0;
        for (int code = 0; code < scores.length; code++) {
            if (scores[code] > bestScore) {
                second = bestScore;
                bestScore = scores[code];
                best = code;
            } else if (scores[code] > second) {
                second = scores[code];
            }
        }
        return best >= 0 && bestScore >= MIN_SCORE && bestScore >= second * MIN_MARGIN ? CODES.get(best) : null;
    }

    /** Whether one language leads by so much already that the rest of the text cannot change the answer. */
    private static boolean clear(double[] scores) {
        double best = 0;
        double total = 0;
        for (double score : scores) {
            best = Math.max(best, score);
            total += score;
        }
        return best >= CLEAR_SCORE && best >= (total - best) * CLEAR_MARGIN;
    }

    /**
     * Adds what a word says: a word shared by n languages ("la", "de", "un" are French and Spanish alike) counts
     * 1/n for each. French elides ("l'écran", "n'est"): the article counts as well as the whole; "it's" stays whole.
     */
    private static void count(String word, double[] scores) {
        add(WEIGHTS.get(word), scores);
        int apostrophe = word.indexOf('\'');
        if (apostrophe > 0 && apostrophe < word.length() - 1) {
            add(WEIGHTS.get(word.substring(0, apostrophe + 1)), scores);
        }
    }

    private static void add(double @Nullable [] weights, double[] scores) {
        if (weights != null) {
            for (int code = 0; code < scores.length; code++) {
                scores[code] += weights[code];
            }
        }
    }

    private static Map<String, double[]> weights() {
        Map<String, double[]> weights = new HashMap<>();
        for (int code = 0; code < CODES.size(); code++) {
            for (String word : WORDS.get(CODES.get(code))) {
                weights.computeIfAbsent(word, w -> new double[CODES.size()])[code] = 1;
            }
        }
        weights.values().forEach(w -> {
            double languages = Arrays.stream(w).sum();
            for (int code = 0; code < w.length; code++) {
                w[code] /= languages;
            }
        });
        return Map.copyOf(weights);
    }

    private static Map<Character, Integer> letters() {
        Map<Character, Integer> letters = new HashMap<>();
        for (char c : "äöüß".toCharArray()) {
            letters.put(c, CODES.indexOf("de"));
        }
        for (char c : "ñ¿¡áíóú".toCharArray()) {
            letters.put(c, CODES.indexOf("es"));
        }
        for (char c : "çèêàùâîôœë".toCharArray()) {
            letters.put(c, CODES.indexOf("fr"));
        }
        return Map.copyOf(letters);
    }
}
