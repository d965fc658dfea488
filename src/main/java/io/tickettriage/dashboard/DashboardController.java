package io.tickettriage.dashboard;

import io.swagger.v3.oas.annotations.Hidden;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The dashboard routes addresses in the browser ({@code /ticket/42}, {@code /analytics}, {@code /team-settings},
 * {@code /admin/webhooks}, {@code /admin/agents}).
 * A reload or a shared link sends such an address to the server, which answers with the application's page. Only
 * the dashboard's own routes are forwarded, and none of them shares a path with the API: an unknown path still gets
 * the API's 404 problem response, {@code /tickets/42} stays the REST resource and {@code /insights} the statistics
 * the analytics page reads; {@code /teams} stays the list of teams, hence {@code /team-settings}.
 */
@Controller
@Hidden
class DashboardController {

    @GetMapping({"/ticket/{id:\\d+}", "/analytics", "/team-settings", "/admin/webhooks", "/admin/agents"})
    String page() {
        return "forward:/index.html";
    }
}
