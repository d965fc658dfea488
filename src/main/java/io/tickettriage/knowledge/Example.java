package io.tickettriage.knowledge;

import io.tickettriage.ticket.Level;
import io.tickettriage.ticket.Priority;

import org.jspecify.annotations.Nullable;

/**
 * A labelled ticket the engine learns from.
 *
 * @param source where it came from: starter, file, import or ticket
 */
public record Example(long id, String team, String title, String description, @Nullable Priority priority,
        @Nullable Level level, String source) {
}
