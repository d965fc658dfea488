package io.tickettriage.assignment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Who closed tickets like the one to assign: for each agent, the similar closed tickets they had, most similar
 * first. Computed once per assignment from the ticket's vector, before any lock is taken.
 */
record Expertise(Map<String, List<Evidence>> byAgent) {

    static final Expertise NONE = new Expertise(Map.of());

    /** A closed ticket like the one to assign, and how alike the two are (cosine similarity). */
    record Evidence(long ticketId, double similarity) {
    }

    static Expertise of(List<Evidence> similar, Map<Long, String> closedBy) {
        Map<String, List<Evidence>> byAgent = new LinkedHashMap<>();
        for (Evidence evidence : similar) {
            String agent = closedBy.get(evidence.ticketId());
            if (agent != null) {
                byAgent.computeIfAbsent(agent, key -> new ArrayList<>()).add(evidence);
            }
        }
        byAgent.values().forEach(list -> list.sort(Comparator.comparingDouble(Evidence::similarity).reversed()));
        return new Expertise(byAgent);
    }

    /** The sum of the similarities of the agent's similar closed tickets; 0 for an agent with none. */
    double score(String agent) {
        return byAgent.getOrDefault(agent, List.of()).stream().mapToDouble(Evidence::similarity).sum();
    }

    /** The agent's similar closed tickets in words: "#12 (0.84), #40 (0.79)". */
    String cite(String agent, int at) {
        return byAgent.getOrDefault(agent, List.of()).stream().limit(at)
                .map(evidence -> "#" + evidence.ticketId() + " (" + String.format(java.util.Locale.ROOT, "%.2f",
                        evidence.similarity()) + ")")
                .collect(Collectors.joining(", "));
    }

    int count(String agent) {
        return byAgent.getOrDefault(agent, List.of()).size();
    }
}
