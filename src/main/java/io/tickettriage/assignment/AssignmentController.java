package io.tickettriage.assignment;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tickettriage.access.Caller;
import io.tickettriage.assignment.AgentProfiles.AgentProfile;
import io.tickettriage.assignment.AgentProfiles.Saved;
import io.tickettriage.assignment.ServiceLevels.TargetView;
import io.tickettriage.assignment.TeamPolicies.TeamPolicy;

import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/** Agents, team assignment policies and service-level targets (see docs/assignment.md). */
@RestController
@Tag(name = "Assignment and service levels")
class AssignmentController {

    private final AgentProfiles agents;
    private final TeamPolicies policies;
    private final ServiceLevels serviceLevels;

    AssignmentController(AgentProfiles agents, TeamPolicies policies, ServiceLevels serviceLevels) {
        this.agents = agents;
        this.policies = policies;
        this.serviceLevels = serviceLevels;
    }

    record AvailabilityRequest(@Nullable String availability) {
    }

    record PolicyRequest(@Nullable String assignment) {
    }

    record TargetsRequest(@Nullable List<TargetView> targets) {
    }

    @PutMapping(path = "/agents/{name}", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Create or replace an agent's profile (admins)",
            description = "teams is required; availability defaults to available, max_open_tickets to "
                    + "triage.assignment.default-max-open-tickets. 201 when the agent is new.")
    ResponseEntity<Agent> put(@PathVariable String name, @RequestBody AgentProfile profile) {
        Saved saved = agents.put(name, profile);
        return saved.created()
                ? ResponseEntity.created(UriComponentsBuilder.fromPath("/agents/{name}").build(saved.agent().name()))
                        .body(saved.agent())
                : ResponseEntity.ok(saved.agent());
    }

    /** The answer to a removal, in the shape of {@code DELETE /tickets/{id}}'s. */
    record AgentDeleted(String detail, String name, List<Long> returnedToQueue) {
    }

    @DeleteMapping(path = "/agents/{name}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Remove an agent's profile (admins)",
            description = "The agent's open tickets go back to their teams' queues and are assigned again by the "
                    + "teams' policies; closed tickets keep the name. 404 for an unknown agent.")
    AgentDeleted delete(@PathVariable String name) {
        AgentProfiles.Removed removed = agents.delete(name);
        return new AgentDeleted("Deleted", removed.name(), removed.returnedToQueue());
    }

    @GetMapping(path = "/agents", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Every agent, with their open tickets")
    List<Agent> agents() {
        return agents.agents();
    }

    @GetMapping(path = "/agents/{name}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "One agent, with their open tickets")
    Agent agent(@PathVariable String name) {
        return agents.agent(name);
    }

    @PutMapping(path = "/agents/{name}/availability", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Set an agent's availability: agents their own, admins anyone's",
            description = "{\"availability\": \"available\"} or \"away\". Away agents are given no new tickets and "
                    + "keep those they have; coming back releases the waiting tickets of their teams.")
    Agent availability(@PathVariable String name, @RequestBody AvailabilityRequest request) {
        return agents.setAvailability(name, request.availability(), Caller.required());
    }

    @PutMapping(path = "/teams/{team}/policy", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Set how a team's tickets are assigned (admins)",
            description = "{\"assignment\": \"round_robin\" | \"least_loaded\" | \"expertise\" | \"none\"}")
    TeamPolicy setPolicy(@PathVariable String team, @RequestBody PolicyRequest request) {
        return policies.setPolicy(team, request.assignment());
    }

    @GetMapping(path = "/teams/{team}/policy", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "How a team's tickets are assigned")
    TeamPolicy policy(@PathVariable String team) {
        return policies.policy(team);
    }

    @GetMapping(path = "/policies", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Every team's assignment policy")
    List<TeamPolicy> policies() {
        return policies.policies();
    }

    @GetMapping(path = "/sla", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The service-level targets per priority, in minutes of calendar time")
    TargetsRequest targets() {
        return new TargetsRequest(serviceLevels.targets());
    }

    @PutMapping(path = "/sla", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Replace the service-level targets (admins)",
            description = "{\"targets\": [{\"priority\": \"Urgent\", \"first_response_minutes\": 60, "
                    + "\"resolution_minutes\": 240}, ...]}; priorities left out get their defaults. New tickets, and "
                    + "tickets whose priority changes, get due times from them.")
    TargetsRequest replaceTargets(@RequestBody TargetsRequest request) {
        return new TargetsRequest(serviceLevels.replace(request.targets()));
    }
}
