package io.tickettriage.ticket;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tickettriage.ticket.TicketInsights.Insights;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Insights")
class InsightsController {

    private final TicketInsights insights;

    InsightsController(TicketInsights insights) {
        this.insights = insights;
    }

    @GetMapping(path = "/insights", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Routing in production: volume, auto-route rate, precision against the final team, "
            + "corrections and time to close, per team, over the last `days` days")
    Insights insights(@RequestParam(defaultValue = "30") int days) {
        return insights.over(days);
    }
}
