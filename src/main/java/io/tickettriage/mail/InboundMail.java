package io.tickettriage.mail;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A message from the mailbox, decoded as far as it could be.
 *
 * @param messageId   its Message-ID, or one derived from its content when it has none
 * @param sender      the sender's address, lower case; null when no address could be read
 * @param subject     the decoded subject, as sent
 * @param text        what the sender wrote: HTML turned into text, quoted replies and signature removed
 * @param inReplyTo   the Message-IDs it answers ({@code In-Reply-To}, then {@code References}), nearest first
 * @param autoReply   why it was written by a machine (an auto-reply, a bounce, a list), or null for a person
 * @param attachments what was attached: names, types and sizes only
 * @param problems    what could not be decoded, in words; empty when everything was
 */
record InboundMail(String messageId, @Nullable String sender, String subject, String text, List<String> inReplyTo,
        @Nullable String autoReply, List<Attachment> attachments, List<String> problems) {

    record Attachment(String name, String type, long size) {

        String describe() {
            return name + " (" + type + ", " + size(size) + ")";
        }

        private static String size(long bytes) {
            if (bytes < 0) {
                return "size unknown";
            }
            if (bytes < 1024) {
                return bytes + " B";
            }
            return bytes < 1024 * 1024 ? (bytes + 512) / 1024 + " KB"
                    : String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
        }
    }

    /** The ticket's description: the text, then the attachments and anything that could not be read. */
    String description() {
        StringBuilder description = new StringBuilder(text);
        if (!attachments.isEmpty()) {
            description.append(description.isEmpty() ? "" : "\n\n").append("Attachments (not stored):");
            attachments.forEach(attachment -> description.append("\n- ").append(attachment.describe()));
        }
        if (!problems.isEmpty()) {
            description.append(description.isEmpty() ? "" : "\n\n").append("Could not be read:");
            problems.forEach(problem -> description.append("\n- ").append(problem));
        }
        return description.toString();
    }
}
