package io.tickettriage.triage;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import io.tickettriage.knowledge.KnowledgeBase;
import io.tickettriage.knowledge.TicketText;
import io.tickettriage.system.NotFoundException;
import io.tickettriage.ticket.Level;
import io.tickettriage.ticket.Priority;
import io.tickettriage.ticket.TicketManagement;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The service's classifier: the trained linear model's calibrated probabilities, with the nearest examples as
 * evidence and, when training found that it helps, their vote blended in ({@link NeighbourVote}). Until the first model is trained, and for teams newer than the model, the nearest-neighbour vote
 * decides alone.
 */
@Component
class RoutingClassifier implements Classifier {

    private static final Logger log = LoggerFactory.getLogger(RoutingClassifier.class);

    private final RoutingModels models;
    private final NearestNeighbourClassifier neighbours;
    private final TicketManagement tickets;
    private final double voteThreshold;
    private final KnowledgeBase knowledge;
    private volatile @Nullable OutOfScope scope;

    RoutingClassifier(KnowledgeBase knowledge, RoutingModels models, TriageProperties properties,
            TicketManagement tickets) {
        this.models = models;
        this.neighbours = new NearestNeighbourClassifier(knowledge, properties);
        this.knowledge = knowledge;
        this.tickets = tickets;
        this.voteThreshold = properties.confidenceThreshold();
    }

    @Override
    public Classification classify(String title, String description, float[] vector) {
        RoutingModels.Installed installed = models.installed();
        String text = TicketText.of(title, description);
        Classification result = classifyInScope(title, description, text, vector, installed);
        String language = SameLanguage.of(title, description, knowledge.embeddingLanguages());
        return result.outOfScope(outOfScope(text, vector, language, result,
                installed == null ? null : installed.scope()));
    }

    /**
     * Whether the ticket reads more like a request no team owns than like the chosen team's closest example, by
     * embedding similarity ({@link OutOfScope}), or, in a language the embedding model does not read, by its words
     * ({@link ScopeModel}). The nearest examples are those the vote found; when none is the team's, the least similar
     * of them bounds the team's closest example from above, so a refusal is never wrong for want of a wider search.
     */
    private @Nullable String outOfScope(String text, float[] vector, @Nullable String language,
            Classification result, @Nullable ScopeModel words) {
        if (result.team().isEmpty() || result.evidence().isEmpty()) {
            return null;
        }
        double teamSimilarity = result.evidence().stream().filter(e -> e.team().equals(result.team()))
                .mapToDouble(Classification.Evidence::similarity).max()
                .orElse(result.evidence().stream().mapToDouble(Classification.Evidence::similarity).min().orElseThrow());
        String reason = scope().reason(vector, language, result.team(), teamSimilarity);
        return reason != null || words == null ? reason : words.reason(text, language, result.team());
    }

    /**
     * Embeds the out-of-scope references in the background once the service is up, so that the first ticket
     * does not wait for them; a ticket that comes first embeds them itself.
     */
    @EventListener(ApplicationReadyEvent.class)
    void embedReferencesInTheBackground() {
        Thread.ofVirtual().name("out-of-scope-references").start(() -> {
            try {
                scope();
            } catch (RuntimeException e) {
                // the first ticket tries again, and its failure is handled as any triage failure is
                log.debug("Out-of-scope references not embedded in the background", e);
            }
        });
    }

    /** Embedded on first use: the embedding model may still be loading while the service starts. */
    private OutOfScope scope() {
        OutOfScope loaded = scope;
        if (loaded == null) {
            synchronized (this) {
                if (scope == null) {
                    scope = OutOfScope.load(knowledge::embed, knowledge.embeddingLanguages());
                }
                loaded = scope;
            }
        }
        return loaded;
    }

    /** @param text the ticket's text as the models read it ({@link TicketText#of}) */
    private Classification classifyInScope(String title, String description, String text, float[] vector,
            RoutingModels.@Nullable Installed installed) {
        Classification vote = neighbours.classify(title, description, vector);
        // A team added since the model was trained is unknown to it: the neighbours decide until it is retrained.
        // No neighbour at all (none in the ticket's language is near it): the model decides, and the policy then
        // finds the ticket unlike any known one.
        if (installed == null || !vote.team().isEmpty()
                && !installed.trained().teams().labels().contains(vote.team())) {
            return vote;
        }
        RoutingModels.Trained trained = installed.trained();
        LinearRouter teams = trained.teams();
        double[] p = teams.probabilities(text, vector, teams.votes() ? voters(teams, vote.evidence()) : List.of());
        int best = LinearRouter.argmax(p);
        Map<String, Double> scores = new LinkedHashMap<>();
        IntStream.range(0, p.length).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> p[i]).reversed())
                .limit(10)
                .forEach(i -> scores.put(teams.labels().get(i), Math.round(p[i] * 10_000) / 10_000.0));
        Priority priority = trained.priorities() == null ? vote.priority()
                : Priority.valueOf(predict(trained.priorities(), text, vector, v -> Priority.valueOf(v).ordinal()));
        Level level = trained.levels() == null ? vote.level()
                : Level.valueOf(predict(trained.levels(), text, vector, v -> Level.valueOf(v).ordinal()));
        Classification modelled = new Classification(scores, teams.labels().get(best), p[best], priority, level,
                vote.evidence(), trained.version(), teams.threshold(best));
        return LearntSinceTraining.prefer(vote, modelled, installed.newestExample(), voteThreshold, this::corrected)
                .orElse(modelled);
    }

    /**
     * The vote's neighbours are the evidence already found, most similar first: blending them in costs nothing, and an
     * example learnt since the model was trained counts at once (one of a team the model does not know counts for
     * none).
     */
    static List<NeighbourVote.Neighbour> voters(LinearRouter teams, List<Classification.Evidence> evidence) {
        return evidence.stream().map(e -> new NeighbourVote.Neighbour(teams.labelIndex(e.team()), e.similarity()))
                .toList();
    }

    /** "ticket #12, corrected by alice to Security Team" when an agent chose the ticket's team. */
    private Optional<String> corrected(long ticketId) {
        try {
            return tickets.corrections(ticketId).stream()
                    .filter(correction -> "assigned_to".equals(correction.field()))
                    .reduce((first, last) -> last)
                    .map(c -> "ticket #" + ticketId + ", corrected by " + c.changedBy() + " to " + c.newValue());
        } catch (NotFoundException e) {
            // deleted meanwhile: its example is being retracted
            return Optional.empty();
        }
    }

    /** Priority and tier are ordered: the median of the distribution, see {@link OrdinalChoice}. */
    private static String predict(LinearRouter router, String text, float[] vector,
            java.util.function.ToIntFunction<String> rank) {
        return OrdinalChoice.median(router.labels(), router.probabilities(text, vector), rank);
    }
}
