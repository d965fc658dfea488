package io.tickettriage.assignment;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Teams' business hours, which their service-level targets count in (see docs/assignment.md). */
@RestController
@Tag(name = "Assignment and service levels")
class TeamHoursController {

    private final TeamHours hours;

    TeamHoursController(TeamHours hours) {
        this.hours = hours;
    }

    record HoursRequest(@Nullable String timeZone, @Nullable List<String> days, @Nullable String start,
            @Nullable String end) {
    }

    @GetMapping(path = "/teams/{team}/hours", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "A team's business hours; calendar_time true when its targets count calendar time")
    TeamHours.View get(@PathVariable String team) {
        return hours.get(team);
    }

    @PutMapping(path = "/teams/{team}/hours", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Set a team's business hours (admins)",
            description = "{\"time_zone\": \"Europe/Paris\", \"days\": [\"MON\", \"TUE\", \"WED\", \"THU\", \"FRI\"], "
                    + "\"start\": \"09:00\", \"end\": \"17:00\"}. Tickets routed to the team, moved to it or given "
                    + "another priority from now on get due times counted in this working time.")
    TeamHours.View set(@PathVariable String team, @RequestBody HoursRequest request) {
        return hours.set(team, request.timeZone(), request.days(), request.start(), request.end());
    }

    @DeleteMapping(path = "/teams/{team}/hours", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Count a team's targets in calendar time again (admins)")
    TeamHours.View clear(@PathVariable String team) {
        return hours.clear(team);
    }
}
