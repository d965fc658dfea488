package io.tickettriage.triage;

/** Scores a ticket's text against the known teams. Implementations are stateless and thread-safe. */
public interface Classifier {

    /**
     * @param vector the embedding of {@code TicketText.of(title, description)}, computed once per ticket by the
     *               caller and shared with every stage that needs it
     */
    Classification classify(String title, String description, float[] vector);
}
