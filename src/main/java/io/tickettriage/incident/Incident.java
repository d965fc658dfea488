package io.tickettriage.incident;

import java.time.Instant;
import java.util.List;

/** Several similar tickets that arrived together, most likely one problem affecting many people. */
public record Incident(long id, String title, Instant createdAt, List<Long> ticketIds) {
}
