package io.tickettriage.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedisEventBroadcasterTests {

    @Test
    void anEventCrossesRedisUnchanged() {
        LiveEvent event = new LiveEvent(LiveEvent.TICKET_ROUTED, "{\"id\":7,\"title\":\"a\\nb\"}");
        assertThat(RedisEventBroadcaster.decode(RedisEventBroadcaster.encode(event))).isEqualTo(event);
    }

    @Test
    void theAudienceCrossesRedisWithTheEvent() {
        LiveEvent mine = new LiveEvent(LiveEvent.TICKET_ROUTED, "{\"id\":8}", "Zoë\nline two", false);
        LiveEvent internal = new LiveEvent(LiveEvent.NEW_COMMENT, "{\"id\":9}", "alice", true);
        LiveEvent everyone = new LiveEvent(LiveEvent.TICKET_DELETED, "{\"id\":10}", null, false);

        for (LiveEvent event : new LiveEvent[] {mine, internal, everyone}) {
            assertThat(RedisEventBroadcaster.encode(event).lines()).hasSize(3);
            assertThat(RedisEventBroadcaster.decode(RedisEventBroadcaster.encode(event))).isEqualTo(event);
        }
    }

    @Test
    void whatTheOwnerHearsInsteadCrossesRedisToo() {
        LiveEvent event = new LiveEvent(LiveEvent.TICKET_ROUTED, "{\"id\":8,\"possible_duplicates\":[{\"id\":3}]}",
                "alice", false, "{\"id\":8,\"possible_duplicates\":[]}");
        assertThat(RedisEventBroadcaster.encode(event).lines()).hasSize(4);
        assertThat(RedisEventBroadcaster.decode(RedisEventBroadcaster.encode(event))).isEqualTo(event);
    }
}
