package io.tickettriage.dashboard;

import io.swagger.v3.oas.annotations.Hidden;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The dashboard routes addresses in the browser ({@code /ticket/42}, {@code /insights}). A reload or a shared
 * link sends such an address to the server, which answers with the application's page. Only the dashboard's
 * own routes are forwarded: an unknown path still gets the API's 404 problem response, and {@code /tickets/42}
 * stays the REST resource.
 */
@Controller
@Hidden
class DashboardController {

    @GetMapping({"/ticket/{id:\\d+}", "/insights"})
    String page() {
        return "forward:/index.html";
    }
}
