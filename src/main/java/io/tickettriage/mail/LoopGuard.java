package io.tickettriage.mail;

import java.util.Locale;
import java.util.Set;

import jakarta.mail.Message;

import org.jspecify.annotations.Nullable;

/**
 * Tells mail written by a machine from mail written by a person, so that auto-replies, bounces and bulk mail never
 * become tickets and are never answered: two auto-responders, this one and a requester's, can then not mail each
 * other for ever. What this product sends says it is automatic ({@code Auto-Submitted}), so that well-behaved
 * responders do not answer it either.
 */
final class LoopGuard {

    private static final Set<String> MACHINE_PRECEDENCE = Set.of("bulk", "junk", "auto_reply");
    private static final Set<String> MACHINE_LOCAL_PARTS = Set.of("mailer-daemon", "postmaster", "noreply",
            "no-reply", "donotreply", "do-not-reply", "bounce", "bounces");

    private LoopGuard() {
    }

    /** Why this message was written by a machine, or null when it looks written by a person. */
    static @Nullable String autoReply(Message message, @Nullable String sender, @Nullable String ownAddress,
            boolean deliveryReport) {
        String autoSubmitted = MailParser.header(message, "Auto-Submitted");
        if (autoSubmitted != null && !autoSubmitted.strip().toLowerCase(Locale.ROOT).startsWith("no")) {
            return "Auto-Submitted: " + autoSubmitted.strip();
        }
        for (String header : new String[] {"X-Autoreply", "X-Autorespond", "X-Auto-Response"}) {
            if (MailParser.header(message, header) != null) {
                return header + " header";
            }
        }
        String precedence = MailParser.header(message, "Precedence");
        if (precedence != null && MACHINE_PRECEDENCE.contains(precedence.strip().toLowerCase(Locale.ROOT))) {
            return "Precedence: " + precedence.strip();
        }
        // Precedence: list and List-Id are not signs of a machine: a support address that is a group (Google
        // Groups, a distribution list) adds them to every person's mail.
        String returnPath = MailParser.header(message, "Return-Path");
        if (returnPath != null && returnPath.replaceAll("\\s", "").equals("<>")) {
            return "bounce (empty Return-Path)";
        }
        if (deliveryReport) {
            return "delivery report (multipart/report)";
        }
        if (sender == null) {
            return null;
        }
        if (ownAddress != null && sender.equalsIgnoreCase(ownAddress.strip())) {
            return "sent from this product's own address";
        }
        return machineAddress(sender) ? "sent from a machine address (" + sender + ")" : null;
    }

    /** Whether mail to this address would go to a machine, or come back to this product. */
    static boolean neverMailTo(String address, @Nullable String ownAddress) {
        return machineAddress(address) || ownAddress != null && address.equalsIgnoreCase(ownAddress.strip());
    }

    private static boolean machineAddress(String address) {
        int at = address.indexOf('@');
        String local = (at < 0 ? address : address.substring(0, at)).toLowerCase(Locale.ROOT);
        return MACHINE_LOCAL_PARTS.contains(local);
    }
}
