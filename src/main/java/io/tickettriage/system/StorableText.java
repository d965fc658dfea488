package io.tickettriage.system;

import org.jspecify.annotations.Nullable;

/**
 * Text as every database the service runs on can store it: PostgreSQL refuses the NUL character in a text column
 * and SQLite keeps it, so it is dropped wherever text comes in (request bodies, e-mails, helpdesk tickets, imported
 * examples), and no screen ever showed it.
 */
public final class StorableText {

    private StorableText() {
    }

    /** {@code text} without its NUL characters; null stays null. */
    public static @Nullable String withoutNul(@Nullable String text) {
        return text == null || text.indexOf('\0') < 0 ? text : text.replace("\0", "");
    }
}
