package io.tickettriage.triage;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.tickettriage.ticket.Level;
import io.tickettriage.ticket.Priority;
import io.tickettriage.triage.TriageDecision.RuleHit;

/**
 * Explicit escalation rules applied after the learned priority and tier: some tickets must never wait in a
 * low queue however the history labelled similar text. A rule only ever raises priority or tier, and every
 * hit is named in the explanation with the words that triggered it.
 */
final class EscalationRules {

    /** The learned labels raised by the rules that fired. */
    record Outcome(Priority priority, Level level, List<RuleHit> hits) {
    }

    private record Rule(String name, Pattern pattern, Priority minPriority, Level minLevel) {
    }

    private static final String MANY = "(everyone|every ?body|all (?:users|staff|employees|of us)|whole (?:office|team|"
            + "company|floor|department|building)|entire (?:office|team|company|floor|department|building)|"
            + "company[- ]wide|(?:many|multiple|several|\\d{2,}) (?:users|people|staff|employees|colleagues))";
    private static final String DOWN = "(outage|down|not working|unavailable|cannot (?:access|connect|log ?in)|"
            + "can't (?:access|connect|log ?in)|offline|no (?:internet|network|email))";

    private static final List<Rule> RULES = List.of(
            new Rule("outage affecting many users", Pattern.compile(
                    "\\b" + DOWN + "\\b.{0,80}\\b" + MANY + "\\b|\\b" + MANY + "\\b.{0,80}\\b" + DOWN + "\\b"),
                    Priority.URGENT, Level.TIER_2),
            new Rule("security incident", Pattern.compile("\\b(phishing|phished|malware|ransomware|virus|trojan|"
                    + "breach|breached|hacked|compromised|stolen (?:laptop|password|credentials|device)|"
                    + "suspicious (?:login|sign-?in|activity|link|email)|clicked (?:a|the|on a) (?:suspicious |bad )?"
                    + "link|data leak|leaked)\\b"), Priority.HIGH, Level.TIER_2),
            new Rule("data loss", Pattern.compile("\\b(data loss|lost (?:all )?(?:my |our )?(?:data|files|work|"
                    + "documents)|(?:files|data|documents) (?:were |was |got )?(?:deleted|lost|wiped|corrupted)|"
                    + "deleted by mistake|accidentally deleted|disk (?:failure|crashed)|backup failed)\\b"),
                    Priority.HIGH, Level.TIER_2),
            new Rule("executive or VIP", Pattern.compile("\\b(ceo|cfo|cto|coo|cio|vip|executive|board meeting|"
                    + "managing director|vice president)\\b"), Priority.HIGH, Level.TIER_1));

    private EscalationRules() {
    }

    static Outcome apply(String text, Priority priority, Level level) {
        String lower = text.toLowerCase(Locale.ROOT);
        List<RuleHit> hits = new ArrayList<>();
        Priority raisedPriority = priority;
        Level raisedLevel = level;
        for (Rule rule : RULES) {
            Matcher matcher = rule.pattern().matcher(lower);
            if (matcher.find()) {
                hits.add(new RuleHit(rule.name(), matcher.group(), rule.minPriority(), rule.minLevel()));
                raisedPriority = max(raisedPriority, rule.minPriority());
                raisedLevel = max(raisedLevel, rule.minLevel());
            }
        }
        return new Outcome(raisedPriority, raisedLevel, List.copyOf(hits));
    }

    private static <E extends Enum<E>> E max(E a, E b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
