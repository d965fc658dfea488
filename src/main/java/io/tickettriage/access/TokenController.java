package io.tickettriage.access;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tickettriage.system.InvalidFieldException;
import io.tickettriage.system.NotFoundException;

import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** API token management for admins; the same as the {@code token} command of the jar. */
@RestController
@RequestMapping(path = "/tokens", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Access")
class TokenController {

    private static final int MAX_NAME = 100;

    private final AccessTokens tokens;

    TokenController(AccessTokens tokens) {
        this.tokens = tokens;
    }

    record NewToken(@Nullable String name, @Nullable String role) {
    }

    record CreatedToken(long id, String name, String role, String token) {
    }

    @GetMapping
    @Operation(summary = "List API tokens (never their secrets)")
    List<AccessTokens.TokenInfo> list() {
        return tokens.apiTokens();
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Create an API token; the answer is the only place its secret appears")
    ResponseEntity<CreatedToken> create(@RequestBody NewToken request) {
        if (request.role() == null) {
            throw new InvalidFieldException("role", "role is required: requester, agent or admin");
        }
        Role role = Role.parse(request.role()).orElse(null);
        if (role == null) {
            throw new InvalidFieldException("role", "Unknown role '" + request.role()
                    + "'; use requester, agent or admin");
        }
        if (request.name() != null && request.name().strip().length() > MAX_NAME) {
            throw new InvalidFieldException("name", "name must be at most " + MAX_NAME + " characters");
        }
        AccessTokens.IssuedToken issued = tokens.createApiToken(request.name(), role);
        return ResponseEntity.created(URI.create("/tokens/" + issued.id()))
                // the only copy of the secret: no cache, shared or private, may keep it
                .cacheControl(CacheControl.noStore())
                .body(new CreatedToken(issued.id(), issued.name(), role.value(), issued.secret()));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Revoke an API token")
    void revoke(@PathVariable long id) {
        if (!tokens.revoke(id)) {
            throw new NotFoundException("No live token with id " + id);
        }
    }
}
