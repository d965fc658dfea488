package io.tickettriage.ticket;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

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

    private static final Pattern WORD = Pattern.compile("[\\p{L}']+");
    private static final int MIN_SCORE = 2;
    /** Enough to tell; a long ticket's first lines say as much as the whole. */
    private static final int MAX_CHARS = 1_000;
    private static final double MIN_MARGIN = 1.5;

    private static final Map<String, Set<String>> WORDS = Map.of(
            "en", Set.of("the", "and", "is", "are", "was", "were", "not", "it", "this", "that", "with", "my", "i",
                    "to", "of", "in", "on", "for", "have", "has", "had", "be", "been", "can", "can't", "cannot",
                    "don't", "doesn't", "won't", "isn't", "it's", "i'm", "i've", "when", "what", "how", "after",
                    "from", "but", "me", "we", "our", "you", "your", "please", "need", "keeps", "any", "since",
                    "there", "get", "got", "all", "again", "still", "working", "would", "should", "which", "only",
                    "just", "does", "do", "did", "at", "by", "an", "a", "up", "out", "no", "its", "they", "every",
                    "new", "today", "yesterday", "someone", "anyone", "who", "where", "why", "now", "will", "shows"),
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
                    "ha", "he", "han", "hemos", "sigue", "otra", "otro", "ni", "hoy", "ayer", "mañana", "funciona",
                    "nos", "le", "les", "o", "pasa", "cada", "vez", "día", "días", "ordenador", "sale", "aparece", "a",
                    "quiero", "necesita", "nueva", "nuevo", "qué", "cómo", "dónde", "hace", "tarda", "va", "son",
                    "era"));

    /** For each word, the languages whose lists hold it. */
    private static final Map<String, List<String>> WORD_LANGUAGES = byWord();

    /** Letters that occur in one of the four languages only; each counts like a word. */
    private static final Map<Character, String> LETTERS = letters();

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
        String lower = Normalizer.normalize(sample, Normalizer.Form.NFC).toLowerCase(Locale.ROOT).replace('’', '\'');
        Map<String, Double> scores = new HashMap<>();
        var words = WORD.matcher(lower);
        while (words.find()) {
            for (String candidate : elided(words.group())) {
                List<String> codes = WORD_LANGUAGES.getOrDefault(candidate, List.of());
                // "la", "de", "un" are French and Spanish alike: a word shared by n languages counts 1/n for each
                for (String code : codes) {
                    scores.merge(code, 1.0 / codes.size(), Double::sum);
                }
            }
        }
        for (int i = 0; i < lower.length(); i++) {
            String code = LETTERS.get(lower.charAt(i));
            if (code != null) {
                scores.merge(code, 1.0, Double::sum);
            }
        }
        String best = null;
        double bestScore = 0;
        double second = 0;
        for (String code : CODES) {
            double score = scores.getOrDefault(code, 0.0);
            if (score > bestScore) {
                second = bestScore;
                bestScore = score;
                best = code;
            } else if (score > second) {
                second = score;
            }
        }
        return bestScore >= MIN_SCORE && bestScore >= second * MIN_MARGIN ? best : null;
    }

    /** French elides ("l'écran", "n'est"): the article and the word both count; "it's" stays whole. */
    private static List<String> elided(String word) {
        int apostrophe = word.indexOf('\'');
        if (apostrophe <= 0 || apostrophe == word.length() - 1) {
            return List.of(word);
        }
        return List.of(word, word.substring(0, apostrophe + 1));
    }

    private static Map<String, List<String>> byWord() {
        Map<String, List<String>> byWord = new HashMap<>();
        for (String code : CODES) {
            for (String word : WORDS.get(code)) {
                byWord.computeIfAbsent(word, w -> new ArrayList<>()).add(code);
            }
        }
        byWord.replaceAll((word, codes) -> List.copyOf(codes));
        return Map.copyOf(byWord);
    }

    private static Map<Character, String> letters() {
        Map<Character, String> letters = new HashMap<>();
        for (char c : "äöüß".toCharArray()) {
            letters.put(c, "de");
        }
        for (char c : "ñ¿¡áíóú".toCharArray()) {
            letters.put(c, "es");
        }
        for (char c : "çèêàùâîôœë".toCharArray()) {
            letters.put(c, "fr");
        }
        return Map.copyOf(letters);
    }
}
