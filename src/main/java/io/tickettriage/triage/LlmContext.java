package io.tickettriage.triage;

import java.util.Collection;
import java.util.List;

import io.tickettriage.knowledge.KnowledgeBase;
import io.tickettriage.knowledge.TicketText;
import io.tickettriage.llm.LlmQuestion;

import org.jspecify.annotations.Nullable;

/**
 * Where the LLM stage's question finds its teams and its similar examples: the knowledge base in the service, the
 * history being evaluated in {@code eval}. Both ask the model the same question from them, see {@link LlmReview}.
 */
interface LlmContext {

    /** Every team with labelled examples; the policy decides which of them an answer may name. */
    Collection<String> teams();

    int examplesOf(String team);

    /** A few titles of the team's examples, to describe a team the prompt has no description of. */
    List<String> titlesOf(String team, int limit);

    /**
     * The {@code k} labelled examples most similar to the ticket, most similar first, with their real text.
     *
     * @param vector the ticket's embedding, or null to embed its text
     */
    List<LlmQuestion.Example> nearest(String title, String description, float @Nullable [] vector, int k);

    static LlmContext of(KnowledgeBase knowledge) {
        return new LlmContext() {

            @Override
            public Collection<String> teams() {
                return knowledge.teams();
            }

            @Override
            public int examplesOf(String team) {
                return knowledge.examplesOf(team);
            }

            @Override
            public List<String> titlesOf(String team, int limit) {
                return knowledge.sampleOf(team, limit).stream().map(example -> example.title()).toList();
            }

            @Override
            public List<LlmQuestion.Example> nearest(String title, String description, float @Nullable [] vector,
                    int k) {
                float[] query = vector != null ? vector : knowledge.embed(TicketText.of(title, description));
                return knowledge.nearest(query, k).stream()
                        .map(n -> new LlmQuestion.Example(n.example().title(), n.example().description(),
                                n.example().team(), n.example().priority(), n.example().level()))
                        .toList();
            }
        };
    }
}
