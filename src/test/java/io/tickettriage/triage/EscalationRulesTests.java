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
    @Test
    void typingAPasswordIntoAFakePageIsACredentialCompromise() {
        var typed = EscalationRules.apply("I typed my password into a fake login page", Priority.MEDIUM, Level.TIER_1);
        var gave = EscalationRules.apply("A caller from 'IT' asked for my password and I gave my password to him",
                Priority.LOW, Level.TIER_1);
        var signIn = EscalationRules.apply("Alert: my account was signed in from Brazil at 3am", Priority.LOW,
                Level.TIER_1);

        assertThat(typed.priority()).isEqualTo(Priority.URGENT);
        assertThat(typed.level()).isEqualTo(Level.TIER_2);
        assertThat(typed.hits()).extracting(TriageDecision.RuleHit::rule).contains("credentials compromised");
        assertThat(gave.priority()).isEqualTo(Priority.URGENT);
        assertThat(signIn.priority()).isEqualTo(Priority.URGENT);
    }

    @Test
    void malwareFoundAndRansomwareAreRaised() {
        var found = EscalationRules.apply("Defender popped up: it found Trojan:Win32/Emotet and quarantined it",
                Priority.LOW, Level.TIER_1);
        var ransom = EscalationRules.apply("All my files have a strange extension and a ransom note asks to pay in"
                + " bitcoin", Priority.MEDIUM, Level.TIER_1);

        assertThat(found.priority()).isEqualTo(Priority.HIGH);
        assertThat(found.hits()).extracting(TriageDecision.RuleHit::rule).contains("malware found");
        assertThat(ransom.priority()).isEqualTo(Priority.URGENT);
        assertThat(ransom.level()).isEqualTo(Level.TIER_3);
    }

    @Test
    void aLostWorkPhoneIsALostDeviceNotDataLoss() {
        var phone = EscalationRules.apply("I lost my work phone on the bus this morning", Priority.LOW, Level.TIER_1);
        var stolen = EscalationRules.apply("My company laptop was stolen from my car last night", Priority.LOW,
                Level.TIER_1);
        var work = EscalationRules.apply("Excel closed and I lost my work of the whole afternoon", Priority.LOW,
                Level.TIER_1);

        assertThat(phone.hits()).extracting(TriageDecision.RuleHit::rule).containsExactly("lost device");
        assertThat(phone.priority()).isEqualTo(Priority.HIGH);
        assertThat(stolen.hits()).extracting(TriageDecision.RuleHit::rule).contains("stolen device");
        assertThat(stolen.priority()).isEqualTo(Priority.URGENT);
        assertThat(work.hits()).extracting(TriageDecision.RuleHit::rule).containsExactly("data loss");
    }

    @Test
    void smokeBurningSmellsAndSwollenBatteriesAreSafetyHazards() {
        var swollen = EscalationRules.apply("The bottom of my laptop is bulging, the battery looks swollen",
                Priority.MEDIUM, Level.TIER_1);
        var smell = EscalationRules.apply("There is a burning smell coming from my docking station", Priority.LOW,
                Level.TIER_1);
        var smoke = EscalationRules.apply("The big printer started smoking during a print job", Priority.MEDIUM,
                Level.TIER_1);

        assertThat(swollen.priority()).isEqualTo(Priority.HIGH);
        assertThat(swollen.level()).isEqualTo(Level.TIER_2);
        assertThat(swollen.hits()).extracting(TriageDecision.RuleHit::rule).containsExactly("safety hazard");
        assertThat(smell.priority()).isEqualTo(Priority.HIGH);
        assertThat(smoke.priority()).isEqualTo(Priority.URGENT);
        assertThat(smoke.hits()).extracting(TriageDecision.RuleHit::rule).contains("smoke or fire");
    }

    @Test
    void aNegatedHazardOrCompromiseDoesNotFire() {
        var noSmoke = EscalationRules.apply("The fan is loud but there is no smoke and no burning smell",
                Priority.LOW, Level.TIER_1);
        var notEntered = EscalationRules.apply("The page asked for my login but I have not entered my password",
                Priority.LOW, Level.TIER_1);

        assertThat(noSmoke.hits()).isEmpty();
        assertThat(noSmoke.priority()).isEqualTo(Priority.LOW);
        assertThat(notEntered.hits()).extracting(TriageDecision.RuleHit::rule)
                .doesNotContain("credentials compromised");
    }

    @Test
    void aPhishingReportWhoseSenderDidNotClickIsLoweredAndNotEscalated() {
        String reported = "Got a phishing email asking to verify my mailbox. I did not click the link, just reporting.";
        var didNotClick = EscalationRules.apply(reported, Priority.URGENT, Level.TIER_1);
        var clicked = EscalationRules.apply("Got a phishing email and I clicked the link", Priority.LOW, Level.TIER_1);

        assertThat(didNotClick.priority()).isEqualTo(Priority.MEDIUM);
        assertThat(didNotClick.hits()).extracting(TriageDecision.RuleHit::rule)
                .containsExactly(EscalationRules.NOT_INTERACTED_RULE);
        assertThat(didNotClick.hits().getFirst().maxPriority()).isEqualTo(Priority.MEDIUM);
        assertThat(clicked.priority()).isEqualTo(Priority.HIGH);
        assertThat(clicked.hits()).extracting(TriageDecision.RuleHit::rule).contains("security incident");
    }
}
