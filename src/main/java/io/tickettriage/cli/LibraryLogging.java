package io.tickettriage.cli;

import java.util.logging.Level;

import ch.qos.logback.classic.Logger;

import org.slf4j.LoggerFactory;

/**
 * Logging for a command that runs without the service's configuration ({@code eval}): its report is what it prints,
 * so libraries say only what goes wrong. Without this, logback's default prints everything, and the tokenizer's
 * probe for a GPU writes "CUDA driver version is insufficient" on every machine without one, which the service's own
 * settings ({@code application.yml}) keep quiet.
 */
final class LibraryLogging {

    /** Held here: java.util.logging keeps its loggers weakly, and a collected logger forgets its level. */
    private static final java.util.logging.Logger LUCENE = java.util.logging.Logger.getLogger("org.apache.lucene");

    private LibraryLogging() {
    }

    static void quiet() {
        if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger root) {
            root.setLevel(ch.qos.logback.classic.Level.WARN);
        }
        if (LoggerFactory.getLogger("ai.djl") instanceof Logger tokenizer) {
            tokenizer.setLevel(ch.qos.logback.classic.Level.ERROR);
        }
        // Lucene's notice that it uses the vector API is not news to the reader of a report; its warnings are.
        LUCENE.setLevel(Level.WARNING);
    }
}
