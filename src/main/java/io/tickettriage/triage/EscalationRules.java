package io.tickettriage.triage;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.tickettriage.ticket.Level;
import io.tickettriage.ticket.Priority;
import io.tickettriage.ticket.TicketLanguage;
import io.tickettriage.triage.TriageDecision.RuleHit;

/**
 * Explicit severity rules applied after the learned priority and tier: some tickets must never wait in a low
 * queue however the history labelled similar text. A raising rule only ever raises priority or tier, and every
 * hit is named in the explanation with the words that triggered it. A rule's words preceded by a negation in
 * the same clause ("no smoke", "I have not entered my password") do not count. One rule lowers: a suspicious
 * message reported by someone who did not click, open or answer it is at most Medium, whatever its words.
 * German, French and Spanish tickets are read with the same rules' words in their language ({@link SeverityWords}).
 */
final class EscalationRules {

    /** The learned labels changed by the rules that fired. */
    record Outcome(Priority priority, Level level, List<RuleHit> hits) {
    }

    private record Rule(String name, Pattern pattern, Priority minPriority, Level minLevel) {
    }

    // The rules' names, which SeverityWords keys its German, French and Spanish words by.
    static final String OUTAGE_RULE = "outage affecting many users";
    static final String CREDENTIALS_RULE = "credentials compromised";
    static final String RANSOMWARE_RULE = "ransomware";
    static final String MALWARE_RULE = "malware found";
    static final String STOLEN_DEVICE_RULE = "stolen device";
    static final String LOST_DEVICE_RULE = "lost device";
    static final String SECURITY_RULE = "security incident";
    static final String FIRE_RULE = "smoke or fire";
    static final String HAZARD_RULE = "safety hazard";
    static final String DATA_LOSS_RULE = "data loss";
    static final String BLOCKED_RULE = "person unable to work";
    static final String VIP_RULE = "executive or VIP";

    private static final String MANY = "(everyone|every ?body|any ?one in the (?:office|building|company|team)|"
            + "all (?:(?:our|the|remote|\\w+) )?(?:users|staff|employees|of us|customers|clients)|"
            + "(?:whole|entire) (?:\\w+ )?(?:office|team|company|floor|department|building)|"
            + "company[- ]wide|(?:many|multiple|several|\\d{2,}) (?:users|people|staff|employees|colleagues|customers))";
    private static final String DOWN = "(outage|down|not working|unavailable|cannot (?:access|connect|log ?in)|"
            + "can't (?:access|connect|log ?in)|(?:can't|cannot|can not) work|offline|no (?:internet|network|email)|"
            + "crash(?:es|ed|ing)?|fail(?:s|ed|ing)|drops?|dropping|(?:don't|doesn't|do not|does not|won't) (?:load|open|"
            + "start|work)|not (?:loading|resolving|responding))";
    private static final String DEVICE = "(?:laptop|notebook|phone|mobile|smartphone|iphone|tablet|ipad|macbook|"
            + "computer|pc|usb (?:stick|drive|key)|yubikey|security key|hardware token)";
    private static final String OWNER = "(?:(?:my|our|a|the|his|her|their|one|company|work|business|office|corporate|"
            + "new|old)\\s+)*";
    private static final String SECRET = "(?:password|passcode|pin|credentials|login details|(?:e-?mail|username|"
            + "user name|login) and password|(?:mfa|2fa|one[- ]time|verification|security) code)";

    private static final Rule OUTAGE = new Rule(OUTAGE_RULE, Pattern.compile(
            "\\b" + DOWN + "\\b.{0,80}\\b" + MANY + "\\b|\\b" + MANY + "\\b.{0,80}\\b" + DOWN + "\\b"
                    + "|\\b(?:nobody|no one|none of us)\\b[^.]{0,40}\\b(?:office|floor|building|site|team|department)"
                    + "\\b[^.]{0,40}\\b(?:has|have|can|could|gets?|is able to)\\b"),
            Priority.URGENT, Level.TIER_2);
    private static final Rule CREDENTIALS = new Rule(CREDENTIALS_RULE, Pattern.compile(
            "\\b(?:typed|entered|put|gave|given|submitted|filled in|shared|provided|told (?:him|her|them))\\s+"
                    + "(?:in\\s+)?" + OWNER + SECRET + "\\b"
                    + "|\\b(?:approved|accepted)\\b[^.]{0,40}\\bby (?:mistake|accident)\\b"
                    + "|\\b(?:someone|somebody|an attacker|a stranger)\\s+(?:has\\s+)?(?:logged|signed)\\s+in(?:to)?\\b"
                    + "|\\baccount\\s+(?:was\\s+|has been\\s+)?(?:signed|logged)\\s+in(?:to)?\\s+from\\b"
                    + "|\\b(?:from|sent from) my (?:account|mailbox|e-?mail)\\b[^.]{0,100}\\b(?:never (?:sent|wrote)|"
                    + "did ?n[o']t (?:send|write))\\b"
                    + "|\\bmy (?:account|mailbox) (?:sent|is sending|has sent|was sending)\\b"),
            Priority.URGENT, Level.TIER_2);
    private static final Rule RANSOMWARE = new Rule(RANSOMWARE_RULE, Pattern.compile(
            "\\b(?:ransomware|ransom (?:note|message|demand)|pay (?:in |with )?bitcoins?|files (?:are |were |got )?"
                    + "encrypted)\\b"),
            Priority.URGENT, Level.TIER_3);
    private static final Rule MALWARE = new Rule(MALWARE_RULE, Pattern.compile(
            "\\b(?:anti-?virus|defender|virus scanner|endpoint protection|security software|scan)\\b[^.]{0,60}"
                    + "\\b(?:found|finds|detected|flagged|quarantined|says (?:it|the file) contains)\\b"
                    + "|\\b(?:trojan|malware|ransomware|virus|worm|spyware|adware|keylogger)\\b[^.]{0,20}\\b(?:was |"
                    + "has been |is )?(?:found|detected|flagged|quarantined)\\b"
                    + "|\\b(?:found|detected|flagged)\\b[^.]{0,40}\\b(?:trojan|malware|virus|worm|spyware|adware|"
                    + "keylogger)\\b"),
            Priority.HIGH, Level.TIER_2);
    private static final Rule STOLEN_DEVICE = new Rule(STOLEN_DEVICE_RULE, Pattern.compile(
            "\\bstolen\\b[^.]{0,60}\\b" + DEVICE + "\\b|\\b" + DEVICE + "\\b[^.]{0,20}\\b(?:was|were|has been|got)\\s+"
                    + "stolen\\b"),
            Priority.URGENT, Level.TIER_2);
    private static final Rule LOST_DEVICE = new Rule(LOST_DEVICE_RULE, Pattern.compile(
            "\\b(?:lost|left|misplaced|forgot)\\s+" + OWNER + DEVICE + "s?\\b(?!\\s+(?:charger|cable|case|screen|"
                    + "settings|connection|signal))"
                    + "|\\b" + DEVICE + "\\b\\s+(?:is\\s+|was\\s+|has\\s+gone\\s+|went\\s+)?(?:missing|lost)\\b"),
            Priority.HIGH, Level.TIER_1);
    private static final Rule SECURITY = new Rule(SECURITY_RULE, Pattern.compile(
            "\\b(phishing|phished|malware|ransomware|virus|trojan|breach|breached|hacked|compromised|"
                    + "stolen (?:laptop|password|credentials|device)|suspicious (?:login|sign-?in|activity|link|"
                    + "email)|clicked (?:a|the|on a|on the) (?:suspicious |bad )?link|data leak|leaked)\\b"),
            Priority.HIGH, Level.TIER_2);
    private static final Rule FIRE = new Rule(FIRE_RULE, Pattern.compile(
            "\\b(?:smoke|smoking|smoked|on fire|caught fire|flames?|burst into)\\b(?!\\s+(?:area|room|break|"
                    + "detector test))"),
            Priority.URGENT, Level.TIER_2);
    private static final Rule HAZARD = new Rule(HAZARD_RULE, Pattern.compile(
            "\\b(?:burning smell|smells? (?:of )?burn(?:ing|t)|smell of burning|burnt (?:plastic|smell)|"
                    + "sparks?|sparking|sparked|swollen|swelling|bulging|melted|melting|electric shock|"
                    + "exposed wires?|(?:battery|batteries) (?:is |are )?(?:leaking|expanding)|injur(?:y|ed|ies)|"
                    + "hurt (?:my|his|her|their|him|herself|himself|myself))\\b"),
            Priority.HIGH, Level.TIER_2);
    private static final Rule DATA_LOSS = new Rule(DATA_LOSS_RULE, Pattern.compile(
            "\\b(?:data loss|lost (?:all )?(?:of )?(?:my |our |the )?(?:data|files|documents|e-?mails|work)\\b"
                    + "(?!\\s+(?:phone|laptop|mobile|tablet|computer|pc|badge|bag|device|account|number))|"
                    + "(?:files|data|documents|folders?|e-?mails)\\b[^.]{0,60}\\b(?:were |was |got |are |is |have |has )?"
                    + "(?:all )?(?:deleted|lost|wiped|corrupted|gone|disappeared|vanished)|"
                    + "deleted by mistake|accidentally deleted|disk (?:failure|crashed)|backup failed)\\b"),
            Priority.HIGH, Level.TIER_2);
    private static final Rule BLOCKED = new Rule(BLOCKED_RULE, Pattern.compile(
            "\\b(?:(?:can't|cannot|can not|unable to|not able to) (?:do my )?work|no other (?:machine|computer|laptop|"
                    + "device) to work|blocked from working)\\b"),
            Priority.HIGH, Level.TIER_1);
    private static final Rule VIP = new Rule(VIP_RULE, Pattern.compile(
            "\\b(ceo|cfo|cto|coo|cio|vip|executive|board meeting|managing director|vice president)\\b"),
            Priority.HIGH, Level.TIER_1);

    /** In the order they are reported; several may fire, the highest floor wins. */
    private static final List<Rule> RULES = List.of(OUTAGE, CREDENTIALS, RANSOMWARE, MALWARE, STOLEN_DEVICE,
            LOST_DEVICE, SECURITY, FIRE, HAZARD, DATA_LOSS, BLOCKED, VIP);

    /** A suspicious message, to which the "not interacted" ceiling may apply. */
    private static final Pattern SUSPICIOUS_MESSAGE = Pattern.compile("\\b(?:phishing|phishy|suspicious|scam|fake|"
            + "spam|spoofed|fraudulent|looks? odd|strange (?:e-?mail|message|link|sms|text))\\b");
    private static final Pattern NOT_INTERACTED = Pattern.compile("\\b(?:did ?n[o']t|did not|have not|haven't|has not|"
            + "never|without)\\s+(?:(?:even|yet|actually)\\s+)?(?:click|clicking|clicked|open|opening|opened|enter|"
            + "entering|entered|reply|replying|replied|answer|answering|answered|download|downloading|downloaded|"
            + "type|typing|typed|plug|plugging|plugged|respond|responding|responded)\\b");
    private static final Pattern INTERACTED = Pattern.compile("\\b(?:(?:clicked|opened (?:it|the (?:link|attachment|"
            + "file|document))|entered|typed|downloaded|replied|gave|plugged (?:it )?in|ran (?:it|the))\\b)"
            + "(?! nothing| anything)");
    private static final Pattern NEGATION = Pattern.compile("\\b(?:not|no|never|without|n't|nor)\\b|n't\\b");
    /** How far before a rule's words a negation still belongs to them. */
    private static final int NEGATION_REACH = 30;

    static final String NOT_INTERACTED_RULE = "suspicious message reported, not interacted with";

    private EscalationRules() {
    }

    static Outcome apply(String text, Priority priority, Level level) {
        String lower = text.toLowerCase(Locale.ROOT).replace('\u2019', '\'');
        List<SeverityWords.Words> other = otherLanguages(text);
        List<RuleHit> hits = new ArrayList<>();
        Priority learned = priority;
        String notInteracted = notInteracted(lower, other);
        if (notInteracted != null && learned.compareTo(Priority.MEDIUM) > 0) {
            learned = Priority.MEDIUM;
        }
        if (notInteracted != null) {
            hits.add(new RuleHit(NOT_INTERACTED_RULE, notInteracted, Priority.LOW, Level.TIER_1, Priority.MEDIUM));
        }
        Priority raisedPriority = learned;
        Level raisedLevel = level;
        for (Rule rule : RULES) {
            if (notInteracted != null && rule == SECURITY) {
                continue; // the report itself is what security wants; nobody was hurt by it
            }
            String matched = affirmedMatch(rule.pattern(), lower);
            for (int i = 0; matched == null && i < other.size(); i++) {
                Pattern words = other.get(i).rules().get(rule.name());
                matched = words == null ? null : affirmedMatch(words, lower, SeverityWords.NEGATION);
            }
            if (matched != null) {
                hits.add(new RuleHit(rule.name(), matched, rule.minPriority(), rule.minLevel()));
                raisedPriority = max(raisedPriority, rule.minPriority());
                raisedLevel = max(raisedLevel, rule.minLevel());
            }
        }
        return new Outcome(raisedPriority, raisedLevel, List.copyOf(hits));
    }

    /**
     * The German, French or Spanish words to read besides the English ones: the text's language's, or all three when
     * its language cannot be told (a short title such as "Laptop gestohlen"); none for English text.
     */
    private static List<SeverityWords.Words> otherLanguages(String text) {
        String language = TicketLanguage.detect(text);
        if (language == null) {
            return ALL_OTHER_LANGUAGES;
        }
        SeverityWords.Words words = SeverityWords.BY_LANGUAGE.get(language);
        return words == null ? List.of() : List.of(words);
    }

    private static final List<SeverityWords.Words> ALL_OTHER_LANGUAGES = List.of(SeverityWords.BY_LANGUAGE.get("de"),
            SeverityWords.BY_LANGUAGE.get("fr"), SeverityWords.BY_LANGUAGE.get("es"));

    /** The words of a report of a suspicious message nobody acted on, or null when that is not what this is. */
    private static String notInteracted(String lower, List<SeverityWords.Words> other) {
        String denial = notInteracted(lower, SUSPICIOUS_MESSAGE, NOT_INTERACTED, INTERACTED, NEGATION);
        for (int i = 0; denial == null && i < other.size(); i++) {
            SeverityWords.Words words = other.get(i);
            denial = notInteracted(lower, words.suspicious(), words.notInteracted(), words.interacted(),
                    SeverityWords.NEGATION);
        }
        return denial;
    }

    private static String notInteracted(String lower, Pattern suspicious, Pattern notInteracted, Pattern interacted,
            Pattern negation) {
        Matcher denial = notInteracted.matcher(lower);
        if (!suspicious.matcher(lower).find() || !denial.find()) {
            return null;
        }
        // "I clicked the link but did not enter anything" is not a harmless report.
        return affirmedMatch(interacted, lower, negation) == null ? denial.group() : null;
    }

    /** The first match of {@code pattern} not negated just before it in the same clause, or null. */
    private static String affirmedMatch(Pattern pattern, String lower) {
        return affirmedMatch(pattern, lower, NEGATION);
    }

    private static String affirmedMatch(Pattern pattern, String lower, Pattern negation) {
        Matcher matcher = pattern.matcher(lower);
        while (matcher.find()) {
            if (!negated(lower, matcher.start(), negation)) {
                return matcher.group();
            }
        }
        return null;
    }

    private static boolean negated(String lower, int start, Pattern negation) {
        String before = lower.substring(Math.max(0, start - NEGATION_REACH), start);
        int clause = Math.max(Math.max(before.lastIndexOf('.'), before.lastIndexOf(',')),
                Math.max(before.lastIndexOf(';'), Math.max(before.lastIndexOf('!'), before.lastIndexOf('?'))));
        if (negation == NEGATION) {
            clause = Math.max(clause, Math.max(before.lastIndexOf(" but "), before.lastIndexOf(" and ")));
        } else {
            for (String join : SeverityWords.CLAUSE_JOINS) {
                clause = Math.max(clause, before.lastIndexOf(join));
            }
        }
        return negation.matcher(before.substring(clause + 1)).find();
    }

    private static <E extends Enum<E>> E max(E a, E b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
