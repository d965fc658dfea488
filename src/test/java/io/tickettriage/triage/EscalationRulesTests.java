package io.tickettriage.triage;

import io.tickettriage.ticket.Level;
import io.tickettriage.ticket.Priority;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EscalationRulesTests {

    @Test
    void anOutageForTheWholeOfficeIsUrgent() {
        var outcome = EscalationRules.apply("Email is down for the whole office since 9am", Priority.LOW, Level.TIER_1);

        assertThat(outcome.priority()).isEqualTo(Priority.URGENT);
        assertThat(outcome.level()).isEqualTo(Level.TIER_2);
        assertThat(outcome.hits()).singleElement().satisfies(hit -> {
            assertThat(hit.rule()).isEqualTo("outage affecting many users");
            assertThat(hit.matched()).contains("down").contains("whole office");
        });
    }

    @Test
    void securityIncidentsAndDataLossAreRaisedAndNamed() {
        var phishing = EscalationRules.apply("I clicked a suspicious link in an email", Priority.LOW, Level.TIER_1);
        var lost = EscalationRules.apply("My files were deleted after the sync", Priority.MEDIUM, Level.TIER_1);

        assertThat(phishing.priority()).isEqualTo(Priority.HIGH);
        assertThat(phishing.hits()).extracting(TriageDecision.RuleHit::rule).containsExactly("security incident");
        assertThat(lost.priority()).isEqualTo(Priority.HIGH);
        assertThat(lost.hits()).extracting(TriageDecision.RuleHit::rule).containsExactly("data loss");
    }

    @Test
    void rulesNeverLowerWhatWasLearnedAndOrdinaryTicketsHitNothing() {
        var vip = EscalationRules.apply("Our CEO cannot print", Priority.URGENT, Level.TIER_3);
        var plain = EscalationRules.apply("Please install the new font on my laptop", Priority.LOW, Level.TIER_1);

        assertThat(vip.priority()).isEqualTo(Priority.URGENT);
        assertThat(vip.level()).isEqualTo(Level.TIER_3);
        assertThat(vip.hits()).extracting(TriageDecision.RuleHit::rule).containsExactly("executive or VIP");
        assertThat(plain.hits()).isEmpty();
        assertThat(plain.priority()).isEqualTo(Priority.LOW);
    }
}
