package io.tickettriage.connector.glpi;

import java.time.Duration;
import java.util.Optional;

/**
 * A call to GLPI that did not succeed, and whether trying again later can help: GLPI down, slow, overloaded (429)
 * or failing (5xx) is transient; a refused token, a missing right (403), an unknown ticket (404) or an answer that
 * is not what GLPI sends is permanent, and its message says what to check. Messages never carry a token.
 */
final class GlpiException extends RuntimeException {

    private final boolean transientFault;
    private final int status;
    private final transient Optional<Duration> retryAfter;

    private GlpiException(String message, boolean transientFault, int status, Optional<Duration> retryAfter) {
        super(message);
        this.transientFault = transientFault;
        this.status = status;
        this.retryAfter = retryAfter;
    }

    static GlpiException transientFault(String message, int status, Optional<Duration> retryAfter) {
        return new GlpiException(message, true, status, retryAfter);
    }

    static GlpiException permanent(String message, int status) {
        return new GlpiException(message, false, status, Optional.empty());
    }

    /** Whether the same call may succeed later (the write-back job is retried with backoff). */
    boolean isTransient() {
        return transientFault;
    }

    /** The HTTP status GLPI answered, 0 when there was no answer (unreachable, timed out). */
    int status() {
        return status;
    }

    Optional<Duration> retryAfter() {
        return retryAfter;
    }
}
