package io.tickettriage.knowledge;

import io.tickettriage.ticket.Level;
import io.tickettriage.ticket.Priority;

import org.jspecify.annotations.Nullable;

/**
 * A labelled ticket the engine learns from.
 *
 * @param source   where it came from: starter, file, api, import or ticket
 * @param ticketId the ticket it was learnt from, for examples learnt from closed or corrected tickets
 */
public record Example(long id, String team, String title, String description, @Nullable Priority priority,
        @Nullable Level level, String source, @Nullable Long ticketId) {

    public Example(long id, String team, String title, String description, @Nullable Priority priority,
            @Nullable Level level, String source) {
        this(id, team, title, description, priority, level, source, null);
    }
}
