package io.tickettriage.comment;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tickettriage.access.Caller;
import io.tickettriage.system.InvalidFieldException;
import io.tickettriage.system.MaxCharacters;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;

import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/tickets/{id}/comments", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Comments")
class CommentController {

    static final int MAX_TEXT = 10_000;
    /** A page of comments: long threads are read in pages, never in one answer of many megabytes. */
    static final int MAX_PAGE = 200;

    private final CommentManagement comments;

    CommentController(CommentManagement comments) {
        this.comments = comments;
    }

    record NewCommentRequest(
            @NotBlank(message = "is required and must not be blank")
            @MaxCharacters(MAX_TEXT) String text,
            @Parameter(description = "for agents only; never shown or sent to the requester") @Nullable Boolean internal) {
    }

    @GetMapping
    @Operation(summary = "List a ticket's comments, oldest first",
            description = "At most limit (default and maximum " + MAX_PAGE + ") per answer; X-Next-Cursor (and a Link "
                    + "rel=next) gives the cursor of the next page.")
    ResponseEntity<List<Comment>> list(@PathVariable long id,
            @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable Long cursor) {
        int size = limit == null ? MAX_PAGE : limit;
        if (size < 1 || size > MAX_PAGE) {
            throw new InvalidFieldException("limit", "limit must be between 1 and " + MAX_PAGE);
        }
        List<Comment> page = comments.list(id, Caller.required(), cursor == null ? 0 : cursor, size);
        ResponseEntity.BodyBuilder response = ResponseEntity.ok();
        if (page.size() == size) {
            String next = String.valueOf(page.getLast().id());
            response.header("X-Next-Cursor", next).header("Link", "</tickets/" + id + "/comments?limit=" + size
                    + "&cursor=" + next + ">; rel=\"next\"");
        }
        return response.body(page);
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Add a comment to a ticket")
    ResponseEntity<Comment> add(@PathVariable long id, @Valid @RequestBody NewCommentRequest request) {
        Comment comment = comments.add(id, request.text(), Boolean.TRUE.equals(request.internal()),
                Caller.required());
        return ResponseEntity.created(URI.create("/tickets/" + id + "/comments/" + comment.id())).body(comment);
    }
}
