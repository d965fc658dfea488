package io.tickettriage.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

class LocalEventBroadcasterTests {

    private final List<LiveEvent> delivered = new CopyOnWriteArrayList<>();
    private final LocalEventBroadcaster broadcaster =
            new LocalEventBroadcaster(List.of(delivered::add), JsonMapper.builder().build());

    @AfterEach
    void stop() throws InterruptedException {
        broadcaster.destroy();
    }

    @Test
    void aTicketsRoutingAnnouncedAgainReachesClientsOnce() {
        broadcaster.broadcast(routed(7, "Hardware Team"));
        broadcaster.broadcast(routed(8, "Network Team"));
        // the job ran again after its worker died; an agent may even have reassigned the ticket meanwhile
        broadcaster.broadcast(routed(7, "Software Team"));
        broadcaster.broadcast(new LiveEvent(LiveEvent.TICKET_UPDATED, "{\"id\":7}", "alice", false));
        broadcaster.broadcast(new LiveEvent(LiveEvent.TICKET_UPDATED, "{\"id\":7}", "alice", false));
        broadcaster.broadcast(routed(9, "Hardware Team"));
        awaitAll();

        assertThat(delivered).extracting(LiveEvent::name).containsExactly(LiveEvent.TICKET_ROUTED,
                LiveEvent.TICKET_ROUTED, LiveEvent.TICKET_UPDATED, LiveEvent.TICKET_UPDATED, LiveEvent.TICKET_ROUTED,
                LiveEvent.TICKET_DELETED);
        assertThat(delivered.getFirst().data()).contains("Hardware Team");
    }

    @Test
    void remembersABoundedNumberOfRoutings() {
        for (int id = 0; id <= LocalEventBroadcaster.REMEMBERED_ROUTINGS; id++) {
            broadcaster.broadcast(routed(id, "Hardware Team"));
        }
        // ticket 0 was forgotten to make room, so a (very late) second announcement goes out; ticket 2 is remembered
        broadcaster.broadcast(routed(0, "Hardware Team"));
        broadcaster.broadcast(routed(2, "Hardware Team"));
        awaitAll();

        assertThat(delivered).hasSize(LocalEventBroadcaster.REMEMBERED_ROUTINGS + 3);
        assertThat(delivered.get(delivered.size() - 2).data()).startsWith("{\"id\":0,");
    }

    /**
     * Events go out in order, so once this last one is delivered every earlier one has been dealt with. The deadline
     * is generous: on a two-core machine shared with other builds, thousands of events took over 20 s.
     */
    private void awaitAll() {
        broadcaster.broadcast(new LiveEvent(LiveEvent.TICKET_DELETED, "{\"id\":-1}", null, true));
        await().atMost(Duration.ofMinutes(2))
                .until(() -> !delivered.isEmpty() && delivered.getLast().name().equals(LiveEvent.TICKET_DELETED));
    }

    private static LiveEvent routed(long id, String team) {
        return new LiveEvent(LiveEvent.TICKET_ROUTED, "{\"id\":" + id + ",\"assigned_to\":\"" + team + "\"}",
                "alice", false);
    }
}
