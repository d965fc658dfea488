package io.tickettriage.access;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tickettriage.system.NotFoundException;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Dashboard sessions for admins: who is logged in, and ending a session (its live connections close too). */
@RestController
@RequestMapping(path = "/sessions", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Access")
class SessionController {

    private final AccessTokens tokens;

    SessionController(AccessTokens tokens) {
        this.tokens = tokens;
    }

    @GetMapping
    @Operation(summary = "List live dashboard sessions (never their secrets)")
    List<AccessTokens.SessionInfo> list() {
        return tokens.sessions();
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "End a dashboard session")
    void end(@PathVariable long id) {
        if (!tokens.endSession(id)) {
            throw new NotFoundException("No live session with id " + id);
        }
    }
}
