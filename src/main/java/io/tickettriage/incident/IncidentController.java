package io.tickettriage.incident;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tickettriage.system.InvalidFieldException;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/incidents", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Incidents")
class IncidentController {

    private final IncidentDetection incidents;

    IncidentController(IncidentDetection incidents) {
        this.incidents = incidents;
    }

    @GetMapping
    @Operation(summary = "Latest incidents: bursts of similar tickets grouped together, newest first")
    List<Incident> latest(@RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > 200) {
            throw new InvalidFieldException("limit", "limit must be between 1 and 200");
        }
        return incidents.latest(limit);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One incident with its tickets")
    Incident incident(@PathVariable long id) {
        return incidents.incident(id);
    }
}
