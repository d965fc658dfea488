package io.tickettriage.triage;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;

import io.tickettriage.knowledge.KnowledgeBase;
import io.tickettriage.knowledge.TicketText;
import io.tickettriage.ticket.Level;
import io.tickettriage.ticket.Priority;

import org.springframework.stereotype.Component;

/**
 * The service's classifier: the trained linear model's calibrated probabilities, with the nearest examples as
 * evidence. Until the first model is trained, and for teams newer than the model, the nearest-neighbour vote
 * decides alone.
 */
@Component
class RoutingClassifier implements Classifier {

    private final RoutingModels models;
    private final NearestNeighbourClassifier neighbours;

    RoutingClassifier(KnowledgeBase knowledge, RoutingModels models, TriageProperties properties) {
        this.models = models;
        this.neighbours = new NearestNeighbourClassifier(knowledge, properties);
    }

    @Override
    public Classification classify(String title, String description, float[] vector) {
        String text = TicketText.of(title, description);
        Classification vote = neighbours.classify(vector);
        RoutingModels.Trained trained = models.current();
        // A team added since the model was trained is unknown to it: the neighbours decide until it is retrained.
        if (trained == null || vote.team().isEmpty() || !trained.teams().labels().contains(vote.team())) {
            return vote;
        }
        LinearRouter teams = trained.teams();
        double[] p = teams.probabilities(text, vector);
        int best = LinearRouter.argmax(p);
        Map<String, Double> scores = new LinkedHashMap<>();
        IntStream.range(0, p.length).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> p[i]).reversed())
                .limit(10)
                .forEach(i -> scores.put(teams.labels().get(i), Math.round(p[i] * 10_000) / 10_000.0));
        Priority priority = trained.priorities() == null ? vote.priority()
                : Priority.valueOf(predict(trained.priorities(), text, vector));
        Level level = trained.levels() == null ? vote.level() : Level.valueOf(predict(trained.levels(), text, vector));
        return new Classification(scores, teams.labels().get(best), p[best], priority, level, vote.evidence(),
                trained.version(), teams.threshold(best));
    }

    private static String predict(LinearRouter router, String text, float[] vector) {
        return router.labels().get(LinearRouter.argmax(router.probabilities(text, vector)));
    }
}
