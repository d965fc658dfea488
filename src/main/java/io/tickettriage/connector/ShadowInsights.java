package io.tickettriage.connector;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tickettriage.system.InvalidFieldException;
import io.tickettriage.ticket.Priority;

import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /insights/connectors}: for each connector, what routing by the engine would have achieved against what
 * the agents did in the helpdesk, over the helpdesk tickets decided in the last {@code days} days. The truth is the
 * helpdesk's group and priority when it closed the ticket. Meaningful in every mode; in shadow mode it is the figure
 * to read before switching auto on.
 */
@RestController
@Tag(name = "Insights")
class ShadowInsights {

    private static final int MAX_DAYS = 365;

    /**
     * One connector's figures.
     *
     * @param decided               helpdesk tickets the engine decided in the window
     * @param wouldAutoRoute        of those, the ones whose team met its threshold: what auto mode sets by itself
     * @param coverage              wouldAutoRoute / decided; null without tickets
     * @param closed                decided tickets the helpdesk has closed: the ones with a known final group
     * @param autoRoutePrecision    of the closed tickets auto mode would have routed, the share whose final group is
     *                              the engine's team; null until one is closed
     * @param engineAccuracy        of all closed tickets, the share whose final group is the engine's team (or best
     *                              guess below the threshold); null until one is closed
     * @param helpdeskFirstGroupRight of the closed tickets, the share already in their final group when they were
     *                              created: how often the helpdesk's own first routing was right
     * @param movedByAgents         closed tickets agents moved from their first group to another
     * @param priorityAgreement     of the closed tickets, the share whose final priority is the engine's; null until
     *                              one is closed
     * @param closedWouldAutoRoute  closed tickets auto mode would have routed: how many autoRoutePrecision is
     *                              measured on
     * @param enabled               whether the connector is configured (its URL set); figures of one that is off
     *                              are those of the tickets it took in before
     * @param state                 {@code off}, or how the process that polls the helpdesk last found it: {@code up},
     *                              {@code down} (also when no poll succeeded for three poll intervals and a minute:
     *                              no worker polls it), or {@code not polled} while no process has polled it (webhooks
     *                              only, or no poll yet); recorded in the database, so every process gives the same
     *                              answer
     *                              ({@code /actuator/health} is each process's own view)
     * @param lastPoll              the last successful poll, by whichever worker polls the helpdesk
     * @param lastError             the last error any process met with this helpdesk (a poll, or a write-back refused
     *                              for good), while no poll succeeded after it
     * @param writebacksWaiting     write-backs queued or retrying, counted in the database (every process agrees)
     * @param writebacksFailed      write-backs the helpdesk refused for good
     */
    record ConnectorFigures(String connector, String mode, long decided, long wouldAutoRoute,
            @Nullable Double coverage, long closed, @Nullable Double autoRoutePrecision,
            @Nullable Double engineAccuracy, @Nullable Double helpdeskFirstGroupRight, long movedByAgents,
            @Nullable Double priorityAgreement, long closedWouldAutoRoute, boolean enabled, String state,
            @Nullable Instant lastPoll, @Nullable String lastError, long writebacksWaiting, long writebacksFailed) {
    }

    record Figures(int windowDays, Instant since, List<ConnectorFigures> connectors) {
    }

    private record Row(String team, @Nullable String priority, boolean autoRoutable, @Nullable String createdGroup,
            @Nullable String finalGroup, @Nullable String finalPriority, boolean closed) {
    }

    private final ConnectorRegistry connectors;
    private final ConnectorHealth health;
    private final ConnectorStore store;
    private final JdbcClient jdbc;
    private final Clock clock;

    ShadowInsights(ConnectorRegistry connectors, ConnectorHealth health, ConnectorStore store, JdbcClient jdbc,
            Clock clock) {
        this.connectors = connectors;
        this.health = health;
        this.store = store;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @GetMapping(path = "/insights/connectors", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Per helpdesk connector: what auto-routing would have achieved (coverage, precision against "
            + "the helpdesk's final group) against what the agents did, over the last `days` days")
    Figures figures(@RequestParam(defaultValue = "30") int days) {
        if (days < 1 || days > MAX_DAYS) {
            throw new InvalidFieldException("days", "days must be between 1 and " + MAX_DAYS);
        }
        Instant since = clock.instant().minus(Duration.ofDays(days));
        List<ConnectorFigures> figures = new ArrayList<>();
        for (HelpdeskConnector connector : connectors.all()) {
            figures.add(figures(connector, since));
        }
        return new Figures(days, since, figures);
    }

    private ConnectorFigures figures(HelpdeskConnector connector, Instant since) {
        List<Row> rows = jdbc.sql("""
                SELECT predicted_team, predicted_priority, auto_routable, created_group, final_group, final_priority,
                       closed_at
                FROM connector_tickets
                WHERE connector = :connector AND kind = 'live' AND decided_at >= :since""")
                .param("connector", connector.name()).param("since", since.toEpochMilli())
                .query((rs, row) -> {
                    rs.getLong("closed_at");
                    boolean closed = !rs.wasNull();
                    return new Row(rs.getString("predicted_team"), rs.getString("predicted_priority"),
                            rs.getInt("auto_routable") == 1, rs.getString("created_group"),
                            rs.getString("final_group"), rs.getString("final_priority"), closed);
                })
                .list();
        long decided = rows.size();
        long auto = rows.stream().filter(Row::autoRoutable).count();
        List<Row> closed = rows.stream().filter(Row::closed).toList();
        List<Row> closedAuto = closed.stream().filter(Row::autoRoutable).toList();
        long autoRight = closedAuto.stream().filter(r -> r.team().equals(r.finalGroup())).count();
        long engineRight = closed.stream().filter(r -> r.team().equals(r.finalGroup())).count();
        long firstRight = closed.stream().filter(r -> Objects.equals(r.createdGroup(), r.finalGroup())).count();
        long priorityRight = closed.stream().filter(r -> r.priority() != null && connector.priority(r.finalPriority())
                .map(Priority::label).filter(r.priority()::equals).isPresent()).count();
        ConnectorHealth.Snapshot state = health.shared(connector);
        return new ConnectorFigures(connector.name(), connector.mode().label(), decided, auto, ratio(auto, decided),
                closed.size(), ratio(autoRight, closedAuto.size()), ratio(engineRight, closed.size()),
                ratio(firstRight, closed.size()), closed.size() - firstRight, ratio(priorityRight, closed.size()),
                closedAuto.size(), connector.enabled(), state.state(), state.lastPoll(), state.lastError(),
                store.writeBacks(connector.name(), ConnectorStore.WriteBack.PENDING),
                store.writeBacks(connector.name(), ConnectorStore.WriteBack.FAILED));
    }

    private static @Nullable Double ratio(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }
}
