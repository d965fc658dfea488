package io.tickettriage.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedisEventBroadcasterTests {

    @Test
    void anEventCrossesRedisUnchanged() {
        LiveEvent event = new LiveEvent(LiveEvent.TICKET_ROUTED, "{\"id\":7,\"title\":\"a\\nb\"}");
        assertThat(RedisEventBroadcaster.decode(RedisEventBroadcaster.encode(event))).isEqualTo(event);
    }
}
