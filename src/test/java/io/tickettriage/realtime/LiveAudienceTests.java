package io.tickettriage.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.tickettriage.access.Caller;
import io.tickettriage.access.Role;

import org.json.JSONObject;
import org.junit.jupiter.api.Test;

class LiveAudienceTests {

    private static final Caller ALICE = new Caller("alice", Role.REQUESTER);
    private static final Caller AGENT = new Caller("sam", Role.AGENT);

    @Test
    void takesTheTokenOfTheHandshakeAuthPayload() {
        assertThat(LiveAudience.handshakeToken(new JSONObject().put("token", "tt_auth"))).isEqualTo("tt_auth");
        assertThat(LiveAudience.handshakeToken(new JSONObject())).isNull();
        assertThat(LiveAudience.handshakeToken(null)).isNull();
    }

    @Test
    void requestersHearOnlyOfTheirOwnTicketsAndNeverOfAgentsOnlyEvents() {
        LiveEvent own = new LiveEvent(LiveEvent.TICKET_ROUTED, "{}", "alice", false);
        LiveEvent foreign = new LiveEvent(LiveEvent.TICKET_ROUTED, "{}", "bob", false);
        LiveEvent internal = new LiveEvent(LiveEvent.NEW_COMMENT, "{}", "alice", true);
        LiveEvent unowned = new LiveEvent(LiveEvent.TICKET_ROUTED, "{}", null, false);

        assertThat(LiveAudience.sees(ALICE, own)).isTrue();
        assertThat(LiveAudience.sees(ALICE, foreign)).isFalse();
        assertThat(LiveAudience.sees(ALICE, internal)).isFalse();
        assertThat(LiveAudience.sees(ALICE, unowned)).isFalse();
        assertThat(List.of(own, foreign, internal, unowned)).allMatch(event -> LiveAudience.sees(AGENT, event));
    }
}
