package io.tickettriage.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tickettriage.support.Api;
import io.tickettriage.ticket.TicketManagement.AgentChange;
import io.tickettriage.ticket.TicketManagement.NewTicket;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/** Production accuracy, measured against agents' final decisions, on a history the test writes itself. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "triage.auth=none", "DATABASE_URL=sqlite:///target/it-${random.uuid}.db", "triage.knowledge.dir=target/knowledge-${random.uuid}",
        "triage.jobs.workers=0"})
class InsightsIT {

    @LocalServerPort
    int port;

    @Autowired
    TicketManagement tickets;

    @Test
    void measuresAutoRoutingAgainstTheFinalTeam() {
        // The engine routes three tickets to Hardware; an agent moves one to Software; two are closed.
        long kept = engineRouted("Hardware Team");
        long moved = engineRouted("Hardware Team");
        long open = engineRouted("Hardware Team");
        long manual = engineRouted(Ticket.MANUAL_REVIEW);
        tickets.change(moved, new AgentChange("Software Team", null, null, "sam"));
        tickets.change(manual, new AgentChange("Software Team", null, null, "sam"));
        tickets.changeStatus(kept, TicketStatus.CLOSED);
        tickets.changeStatus(moved, TicketStatus.CLOSED);

        JsonNode insights = new Api(port).get("/insights?days=7").json();

        assertThat(insights.get("window_days").asInt()).isEqualTo(7);
        JsonNode hardware = team(insights, "Hardware Team");
        assertThat(hardware.get("volume").asLong()).isEqualTo(2);
        assertThat(hardware.get("auto_routed").asLong()).isEqualTo(2);
        assertThat(hardware.get("engine_routed").asLong()).isEqualTo(3);
        assertThat(hardware.get("auto_route_rate").asDouble()).isCloseTo(1.0, within(1e-9));
        assertThat(hardware.get("auto_route_precision").asDouble()).isCloseTo(0.5, within(1e-9));
        assertThat(hardware.get("corrections").asLong()).isEqualTo(1);
        assertThat(hardware.get("correction_rate").asDouble()).isCloseTo(1 / 3d, within(1e-9));
        assertThat(hardware.get("mean_time_to_close_hours").asDouble()).isBetween(0.0, 1.0);
        JsonNode software = team(insights, "Software Team");
        assertThat(software.get("volume").asLong()).isEqualTo(2);
        assertThat(software.get("auto_route_rate").asDouble()).isZero();
        assertThat(software.get("auto_route_precision").isNull()).isTrue();
        assertThat(software.get("correction_rate").isNull()).isTrue();
        assertThat(insights.get("tickets").asLong()).isEqualTo(4);
        assertThat(insights.get("auto_routed").asLong()).isEqualTo(2);
        assertThat(insights.get("auto_route_rate").asDouble()).isCloseTo(0.5, within(1e-9));
        assertThat(insights.get("auto_route_precision").asDouble()).isCloseTo(0.5, within(1e-9));
        assertThat(insights.get("daily").valueStream().mapToLong(d -> d.get("count").asLong()).sum()).isEqualTo(4);
        assertThat(tickets.get(open).assignedTo()).isEqualTo("Hardware Team");
        // per team and agent, over the same tickets: nobody has these, so one row each, adding up to the team
        JsonNode levels = insights.get("service_levels").valueStream()
                .filter(t -> t.get("team").asString().equals("Hardware Team")).findFirst().orElseThrow();
        assertThat(levels.get("tickets").asLong()).isEqualTo(2);
        assertThat(levels.get("closed").asLong()).isEqualTo(1);
        assertThat(levels.get("agents")).hasSize(1);
        assertThat(levels.get("agents").get(0).get("agent").isNull()).isTrue();
        assertThat(levels.get("agents").get(0).get("tickets").asLong()).isEqualTo(2);
        assertThat(levels.get("mean_resolution_hours").asDouble()).isBetween(0.0, 1.0);
    }

    @Test
    void refusesAWindowOutOfRange() {
        assertThat(new Api(port).get("/insights?days=0").status()).isEqualTo(422);
        assertThat(new Api(port).get("/insights?days=366").status()).isEqualTo(422);
        assertThat(new Api(port).get("/insights?days=week").status()).isEqualTo(422);
    }

    private long engineRouted(String team) {
        long id = tickets.create(new NewTicket("Insight ticket", "", null, null)).id();
        tickets.applyTriage(id, new TriageOutcome(team, Priority.MEDIUM, Level.TIER_1, 0.9, "test", null));
        return id;
    }

    private static JsonNode team(JsonNode insights, String team) {
        return insights.get("teams").valueStream().filter(t -> t.get("team").asString().equals(team)).findFirst()
                .orElseThrow();
    }
}
