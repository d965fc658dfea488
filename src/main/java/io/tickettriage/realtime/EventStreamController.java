package io.tickettriage.realtime;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tickettriage.access.Caller;
import io.tickettriage.access.CallerResolution;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
@Tag(name = "Live events")
class EventStreamController {

    private final SseStreams streams;
    private final CallerResolution callers;

    EventStreamController(SseStreams streams, CallerResolution callers) {
        this.streams = streams;
        this.callers = callers;
    }

    @GetMapping(path = "/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Stream ticket and comment changes as Server-Sent Events",
            description = "Events ticket_created, ticket_routed, ticket_updated, ticket_deleted, new_comment, "
                    + "ticket_assigned, sla_warning and sla_breached, "
                    + "each with an id and the same JSON as the REST API. Reconnect with Last-Event-ID to receive "
                    + "what was missed; stream_reset means that was not possible and lists should be reloaded.")
    SseEmitter events(@Parameter(description = "Id of the last event received, to resume after it")
            @RequestHeader(name = "Last-Event-ID", required = false) @Nullable String lastEventId,
            HttpServletRequest request, HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-cache");
        // reverse proxies such as nginx would otherwise hold events back in their buffers
        response.setHeader("X-Accel-Buffering", "no");
        // the credential, not only the caller: the stream ends when it is revoked, expires or logs out
        return streams.open(lastEventId, callers.current(request)
                .orElseGet(() -> new CallerResolution.LiveCaller(Caller.required(), null)));
    }
}
