package io.tickettriage.triage;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tickettriage.system.MaxCharacters;
import io.tickettriage.ticket.TicketManagement;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;

import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Triage")
class TriageController {

    private final TriageEngine engine;
    private final TicketManagement tickets;

    TriageController(TriageEngine engine, TicketManagement tickets) {
        this.engine = engine;
        this.tickets = tickets;
    }

    record TriageRequest(
            @NotBlank(message = "is required and must not be blank")
            @MaxCharacters(200) String title,
            @MaxCharacters(20_000) @Nullable String description) {
    }

    @PostMapping(path = "/triage", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Triage a text without creating a ticket",
            description = "Returns the decision and its explanation, exactly as a new ticket would get them.")
    TriageDecision triage(@Valid @RequestBody TriageRequest request) {
        return engine.decide(request.title(), request.description() == null ? "" : request.description());
    }

    @GetMapping(path = "/tickets/{id}/explanation", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Why the engine routed a ticket as it did")
    // the stored JSON is sent as it is; the schema says what it holds
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = TriageDecision.Explanation.class)))
    String explanation(@PathVariable long id) {
        return tickets.explanation(id);
    }
}
