package io.tickettriage.triage;

/** Scores a ticket's text against the known teams. Implementations are stateless and thread-safe. */
public interface Classifier {

    Classification classify(String title, String description);
}
