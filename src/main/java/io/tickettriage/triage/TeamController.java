package io.tickettriage.triage;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tickettriage.knowledge.KnowledgeBase;
import io.tickettriage.knowledge.KnowledgeBase.NewExample;
import io.tickettriage.system.InvalidFieldException;
import io.tickettriage.system.MaxCharacters;
import io.tickettriage.ticket.Level;
import io.tickettriage.ticket.Priority;
import io.tickettriage.ticket.Ticket;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Teams are data: whatever teams the examples name, and teams added here, are routed to without a restart. */
@RestController
@Tag(name = "Teams")
class TeamController {

    /** Leaves room for the file extension and a temporary suffix within the common 255-byte file-name limit. */
    static final int MAX_NAME_BYTES = 200;

    private final KnowledgeBase knowledge;
    private final TriageProperties properties;

    TeamController(KnowledgeBase knowledge, TriageProperties properties) {
        this.knowledge = knowledge;
        this.properties = properties;
    }

    /**
     * @param ready whether the engine may route to the team on its own (it has enough examples)
     */
    record Team(String name, int examples, boolean ready) {
    }

    record ExampleRequest(@NotBlank(message = "is required") @MaxCharacters(200) String title,
            @MaxCharacters(20_000) @Nullable String description, @Nullable String priority, @Nullable String level) {
    }

    record NewTeamRequest(
            @NotBlank(message = "is required") @MaxCharacters(100) String name,
            @NotEmpty(message = "must hold at least one example") List<@Valid ExampleRequest> examples) {
    }

    @GetMapping(path = "/teams", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Teams the engine knows, with their example counts and whether it routes to them")
    List<Team> teams() {
        return knowledge.teams().stream().map(this::team).toList();
    }

    @PostMapping(path = "/teams", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Add a team, or more examples to a team",
            description = "The examples are embedded once and used at once; the team is routed to as soon as it "
                    + "has enough examples.")
    ResponseEntity<Team> addTeam(@Valid @RequestBody NewTeamRequest request) {
        String name = request.name().strip();
        checkTeamName(name);
        if (Ticket.MANUAL_REVIEW.equalsIgnoreCase(name)) {
            throw new InvalidFieldException("name", "'" + Ticket.MANUAL_REVIEW + "' is not a team");
        }
        boolean existed = knowledge.teams().contains(name);
        // two names that differ only in case would be two labels agents cannot tell apart, and one file on a
        // case-insensitive file system
        knowledge.teams().stream().filter(known -> !known.equals(name) && known.equalsIgnoreCase(name)).findFirst()
                .ifPresent(known -> {
                    throw new InvalidFieldException("name", "A team named '" + known + "' exists; names may not "
                            + "differ only in case. Use '" + known + "' to add examples to it");
                });
        List<NewExample> examples = request.examples().stream()
                .map(example -> new NewExample(name, example.title(), example.description(),
                        example.priority() == null ? null : Priority.parse(example.priority()).orElseThrow(
                                () -> new InvalidFieldException("priority", "Unknown priority '" + example.priority()
                                        + "'; use Low, Medium, High or Urgent")),
                        example.level() == null ? null : Level.parse(example.level()).orElseThrow(
                                () -> new InvalidFieldException("level", "Unknown level '" + example.level()
                                        + "'; use Tier 1, Tier 2 or Tier 3"))))
                .toList();
        knowledge.addExamples(examples, "api");
        return ResponseEntity.status(existed ? HttpStatus.OK : HttpStatus.CREATED).body(team(name));
    }

    /**
     * A team name becomes a file name ({@code <Team>.json}) and a label on every screen: no control, format or
     * bidirectional-override characters (NUL, CR/LF, RLO...), which would break the file or disguise the label; no
     * path separators, which two names would otherwise share one file by; and short enough in bytes for any file
     * system.
     */
    static void checkTeamName(String name) {
        boolean unprintable = name.codePoints().anyMatch(c -> Character.getType(c) == Character.CONTROL
                || Character.getType(c) == Character.FORMAT || Character.getType(c) == Character.LINE_SEPARATOR
                || Character.getType(c) == Character.PARAGRAPH_SEPARATOR);
        if (unprintable) {
            throw new InvalidFieldException("name", "name must not contain control, format or direction characters");
        }
        if (name.contains("/") || name.contains("\\")) {
            throw new InvalidFieldException("name", "name must not contain / or \\");
        }
        if (name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            throw new InvalidFieldException("name", "name must be at most " + MAX_NAME_BYTES + " bytes in UTF-8");
        }
    }

    private Team team(String name) {
        int examples = knowledge.examplesOf(name);
        return new Team(name, examples, examples >= properties.minTeamExamples());
    }
}
