package io.tickettriage.llm;

import java.util.List;

import io.tickettriage.ticket.Level;
import io.tickettriage.ticket.Priority;

import org.jspecify.annotations.Nullable;

/**
 * What the LLM is asked to decide: a ticket, the teams it may choose from, and labelled examples like it.
 *
 * @param teams     the only teams an answer may name, each with a few of its example titles; the prompt
 *                  describes a team from settings, from a built-in description, or else from these titles
 * @param examples  known tickets similar to this one, most similar first, with their real text and labels
 */
public record LlmQuestion(String title, String description, List<Team> teams, List<Example> examples) {

    public LlmQuestion {
        teams = List.copyOf(teams);
        examples = List.copyOf(examples);
    }

    public record Team(String name, List<String> exampleTitles) {

        public Team {
            exampleTitles = List.copyOf(exampleTitles);
        }
    }

    public record Example(String title, String description, String team, @Nullable Priority priority,
            @Nullable Level level) {
    }
}
