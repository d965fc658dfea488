package io.tickettriage.knowledge;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import io.tickettriage.system.StorableText;
import io.tickettriage.ticket.Level;
import io.tickettriage.ticket.Priority;

import org.jspecify.annotations.Nullable;

/** An example before it is stored: text, labels and where it came from. */
record LabelledText(String team, String title, String description, @Nullable Priority priority,
        @Nullable Level level, String source, @Nullable Long ticketId) {

    /** Without any NUL character, which PostgreSQL cannot store: an imported CSV or knowledge file may hold one. */
    LabelledText {
        team = StorableText.withoutNul(team);
        title = StorableText.withoutNul(title);
        description = StorableText.withoutNul(description);
    }

    LabelledText(String team, String title, String description, @Nullable Priority priority, @Nullable Level level,
            String source) {
        this(team, title, description, priority, level, source, null);
    }

    /**
     * Identifies the same labelled text embedded by the same model, so nothing is stored or embedded twice. An
     * example learnt from a ticket is identified by the ticket, so a knowledge file that holds it again adds nothing.
     */
    String contentHash(String modelId) {
        String[] parts = ticketId == null ? new String[] {modelId, team, title, description}
                : new String[] {modelId, "ticket", String.valueOf(ticketId)};
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                digest.update(part.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
