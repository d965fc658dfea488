package io.tickettriage.knowledge;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import io.tickettriage.ticket.Level;
import io.tickettriage.ticket.Priority;

import org.jspecify.annotations.Nullable;

/** An example before it is stored: text, labels and where it came from. */
record LabelledText(String team, String title, String description, @Nullable Priority priority,
        @Nullable Level level, String source) {

    /** Identifies the same labelled text embedded by the same model, so nothing is stored or embedded twice. */
    String contentHash(String modelId) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {modelId, team, title, description}) {
                digest.update(part.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
