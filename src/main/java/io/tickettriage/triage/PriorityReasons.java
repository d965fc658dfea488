package io.tickettriage.triage;

import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import io.tickettriage.triage.TriageDecision.RuleHit;

/**
 * Why the engine set a ticket's priority and tier, in a few words: shown when it replaces what the requester
 * stated, so that an agent can tell an escalation rule from the history's judgement.
 */
final class PriorityReasons {

    private PriorityReasons() {
    }

    static String priority(TriageDecision decision) {
        return reason(decision, hit -> hit.minPriority() == decision.priority());
    }

    static String level(TriageDecision decision) {
        return reason(decision, hit -> hit.minLevel() == decision.level());
    }

    private static String reason(TriageDecision decision, Predicate<RuleHit> setsTheValue) {
        if (LlmReview.DECIDED_BY_LLM.equals(decision.explanation().decidedBy())) {
            return "the LLM's judgement";
        }
        List<RuleHit> rules = decision.explanation().ruleHits().stream().filter(setsTheValue).toList();
        if (rules.isEmpty()) {
            return "learned from similar past tickets";
        }
        return rules.stream().map(hit -> "the rule '" + hit.rule() + "' (\"" + hit.matched() + "\")")
                .collect(Collectors.joining(" and "));
    }
}
