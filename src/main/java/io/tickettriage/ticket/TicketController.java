package io.tickettriage.ticket;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tickettriage.access.Caller;
import io.tickettriage.system.InvalidFieldException;
import io.tickettriage.system.MaxCharacters;
import io.tickettriage.system.ServiceUnavailableException;
import io.tickettriage.system.TooManyRequestsException;
import io.tickettriage.ticket.TicketManagement.AgentChange;
import io.tickettriage.ticket.TicketManagement.NewTicket;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;

import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/tickets", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Tickets")
class TicketController {

    static final int MAX_TITLE = 200;
    static final int MAX_DESCRIPTION = 20_000;
    private static final int MAX_LIMIT = 200;
    /** Tickets a list without a limit returns at most, then a next link, as for a page. */
    static final int FULL_LIST_BOUND = 10_000;

    /** How long a client refused for a full backlog should wait: long enough for workers to drain a share of it. */
    private static final Duration BACKLOG_RETRY_AFTER = Duration.ofSeconds(5);

    private final TicketManagement tickets;
    private final IntakeAdmission admission;

    TicketController(TicketManagement tickets, IntakeAdmission admission) {
        this.tickets = tickets;
        this.admission = admission;
    }

    record CreateTicketRequest(
            @NotBlank(message = "is required and must not be blank")
            @MaxCharacters(MAX_TITLE) String title,
            @MaxCharacters(MAX_DESCRIPTION)
            @Nullable String description,
            @Parameter(description = "Low, Medium, High or Urgent (Normal is read as Medium): the requester's view, "
                    + "kept as requested_priority; the engine decides priority when it routes") @Nullable String priority,
            @Parameter(description = "Tier 1, Tier 2 or Tier 3 (Level N Support is read as Tier N): kept as "
                    + "requested_level; the engine decides level when it routes") @Nullable String level) {
    }

    record ChangeTicketRequest(@Nullable String assignedTo, @Nullable String team, @Nullable String priority,
            @Nullable String level,
            @Parameter(description = "the agent who should work on the ticket, chosen by hand: the team's "
                    + "assignment policy never replaces it; \"\" returns the ticket to its team's queue")
            @Nullable String assignee,
            @Parameter(description = "who made the change, recorded with the correction; ignored when the caller "
                    + "is logged in, whose name is recorded instead") @Nullable String changedBy) {
    }

    record StatusRequest(@Nullable String status) {
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Create a ticket; it is triaged in the background")
    ResponseEntity<Ticket> create(@Valid @RequestBody CreateTicketRequest request) {
        if (!hasVisibleCharacter(request.title())) {
            throw new InvalidFieldException("title", "title must contain visible characters, not only control, "
                    + "format or space characters");
        }
        Caller caller = Caller.required();
        // Refused before anything is written: every accepted ticket gets a job, so this bounds the backlog.
        switch (admission.admit(caller.name())) {
            case BACKLOG_FULL -> throw new ServiceUnavailableException("Too many tickets are waiting to be triaged; "
                    + "nothing was stored. Retry after the time in the Retry-After header.", BACKLOG_RETRY_AFTER);
            case REQUESTER_SHARE_FULL -> throw new TooManyRequestsException("Too many of this client's tickets are "
                    + "waiting to be triaged; nothing was stored. Retry after the time in the Retry-After header.",
                    BACKLOG_RETRY_AFTER);
            case ADMITTED -> {
            }
        }
        Ticket ticket = tickets.create(
                new NewTicket(request.title(), request.description(), request.priority(), request.level(),
                        caller.name()));
        return ResponseEntity.created(URI.create("/tickets/" + ticket.id())).body(ticket);
    }

    /** A title made only of NULs, bell characters or zero-width marks would show as nothing on the board. */
    private static boolean hasVisibleCharacter(String text) {
        return text.codePoints().anyMatch(c -> !Character.isWhitespace(c) && !Character.isSpaceChar(c)
                && Character.getType(c) != Character.CONTROL && Character.getType(c) != Character.FORMAT);
    }

    @GetMapping
    @Operation(summary = "List tickets, newest first",
            description = "Without limit, every ticket up to " + FULL_LIST_BOUND + ", as the original API returned "
                    + "them; with limit, a page of at most " + MAX_LIMIT + ". When more follow, the X-Next-Cursor "
                    + "header and a Link rel=next give the rest, the same way.")
    @ApiResponse(responseCode = "200", description = "the tickets", content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE, array = @ArraySchema(schema = @Schema(implementation = Ticket.class))))
    ResponseEntity<Stream<Ticket>> list(
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Parameter(description = "team name, or Manual Review") @Nullable String team,
            @RequestParam(required = false) @Parameter(description = "text to find in title or description") @Nullable String q,
            @RequestParam(required = false) @Parameter(description = "only the tickets assigned to this agent; "
                    + "me for the caller's own") @Nullable String assignee,
            @RequestParam(required = false) @Parameter(description = "page size, 1 to " + MAX_LIMIT
                    + "; without it, every ticket up to " + FULL_LIST_BOUND) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable String cursor) {
        if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
            throw new InvalidFieldException("limit", "limit must be between 1 and " + MAX_LIMIT);
        }
        TicketStatus wanted = status == null || status.isBlank() ? null : TicketStatus.parse(status)
                .orElseThrow(() -> new InvalidFieldException("status",
                        "Unknown status '" + status + "'; use pending, routed or closed"));
        Caller caller = Caller.required();
        String assignedTo = blankToNull(assignee);
        TicketQuery query = new TicketQuery(wanted, blankToNull(team), blankToNull(q), cursor(cursor),
                limit == null ? FULL_LIST_BOUND : limit, caller.isAgent() ? null : caller.name(),
                "me".equals(assignedTo) ? caller.name() : assignedTo);
        String next;
        Stream<Ticket> body;
        if (limit == null) {
            // written while read (see TicketPages), on the request's own thread
            Long last = tickets.cursorAfter(query, FULL_LIST_BOUND).orElse(null);
            next = last == null ? null : String.valueOf(last);
            body = TicketPages.stream(tickets, query, last).map(ticket -> ticket.asSeenBy(caller));
        } else {
            List<Ticket> page = tickets.list(query);
            next = page.size() == limit ? String.valueOf(page.getLast().id()) : null;
            body = page.stream().map(ticket -> ticket.asSeenBy(caller));
        }
        ResponseEntity.BodyBuilder response = ResponseEntity.ok();
        if (next != null) {
            response.header("X-Next-Cursor", next).header("Link", "<" + nextLink(status, team, q, assignee, limit, next)
                    + ">; rel=\"next\"");
        }
        return response.body(body);
    }

    @GetMapping("/{id}")
    @Operation(summary = "Get one ticket")
    Ticket get(@PathVariable long id) {
        return tickets.getVisibleTo(id, Caller.required());
    }

    @PatchMapping("/{id}/status")
    @Operation(summary = "Close or reopen a ticket",
            description = "status=closed closes; status=routed (or open, reopened) reopens a closed ticket. "
                    + "Give it as a query parameter, as the original API did, or as a JSON body {\"status\": ...}.")
    Ticket changeStatus(@PathVariable long id, @RequestParam(name = "status", required = false) @Nullable String query,
            @RequestBody(required = false) @Nullable StatusRequest body) {
        String given = body == null ? null : body.status();
        if (query != null && given != null && !query.strip().equalsIgnoreCase(given.strip())) {
            throw new InvalidFieldException("status", "status is given twice, as '" + query + "' in the query and '"
                    + given + "' in the body; give it once");
        }
        String value = query != null ? query : given;
        if (value == null || value.isBlank()) {
            throw new InvalidFieldException("status", "status is required: closed, or routed to reopen");
        }
        return tickets.changeStatus(id, targetStatus(value));
    }

    @PatchMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Change team, priority or tier (an agent's correction)")
    Ticket change(@PathVariable long id, @RequestBody ChangeTicketRequest request) {
        if (request.assignedTo() != null && request.team() != null
                && !request.assignedTo().strip().equals(request.team().strip())) {
            throw new InvalidFieldException("team", "assigned_to ('" + request.assignedTo() + "') and team ('"
                    + request.team() + "') name the same field and differ; give one");
        }
        String team = request.assignedTo() != null ? request.assignedTo() : request.team();
        // a logged-in agent's name is what the audit trail records; the body's changed_by only counts in demo mode
        Caller caller = Caller.required();
        String changedBy = Caller.DEMO.equals(caller) ? request.changedBy() : caller.name();
        return tickets.change(id, new AgentChange(team, request.priority(), request.level(), request.assignee(),
                changedBy));
    }

    @GetMapping("/{id}/corrections")
    @Operation(summary = "The changes agents made to a ticket's team, priority or tier")
    List<Correction> corrections(@PathVariable long id) {
        return tickets.corrections(id);
    }

    /** The original design's answer to a delete, which its clients may parse, plus the id. */
    record Deleted(String detail, long id) {
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Delete a ticket and its comments",
            description = "Answers 200 {\"detail\": \"Deleted\", \"id\": N}, as the original API did.")
    Deleted delete(@PathVariable long id) {
        tickets.delete(id);
        return new Deleted("Deleted", id);
    }

    private static TicketStatus targetStatus(String value) {
        return switch (value.strip().toLowerCase()) {
            case "open", "reopen", "reopened" -> TicketStatus.ROUTED;
            default -> TicketStatus.parse(value).orElseThrow(() -> new InvalidFieldException("status",
                    "Unknown status '" + value + "'; use closed, or routed to reopen"));
        };
    }

    private static @Nullable Long cursor(@Nullable String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(cursor.strip());
        } catch (NumberFormatException e) {
            throw new InvalidFieldException("cursor", "cursor '" + cursor + "' is not one this API gave out");
        }
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String nextLink(@Nullable String status, @Nullable String team, @Nullable String q,
            @Nullable String assignee, @Nullable Integer limit, String cursor) {
        var uri = org.springframework.web.util.UriComponentsBuilder.fromPath("/tickets")
                .queryParamIfPresent("status", java.util.Optional.ofNullable(blankToNull(status)))
                .queryParamIfPresent("team", java.util.Optional.ofNullable(blankToNull(team)))
                .queryParamIfPresent("q", java.util.Optional.ofNullable(blankToNull(q)))
                .queryParamIfPresent("assignee", java.util.Optional.ofNullable(blankToNull(assignee)))
                .queryParamIfPresent("limit", java.util.Optional.ofNullable(limit))
                .queryParam("cursor", cursor);
        return uri.encode().build().toUriString();
    }
}
