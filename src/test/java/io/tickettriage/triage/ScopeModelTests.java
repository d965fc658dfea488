package io.tickettriage.triage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ScopeModelTests {

    private static final List<OutOfScope.Request> REQUESTS = List.of(
            new OutOfScope.Request("travel", "Bitte ein Hotel für die Dienstreise nach Hamburg buchen", "de"),
            new OutOfScope.Request("travel", "Die Bahnfahrkarte für die Reise nach München fehlt noch", "de"),
            new OutOfScope.Request("travel", "Wann wird meine Reisekostenabrechnung für die Reise erstattet?", "de"),
            new OutOfScope.Request("catering", "Die Kaffeemaschine in der Küche ist schon wieder leer", "de"),
            new OutOfScope.Request("catering", "Das Mittagessen in der Kantine war heute kalt", "de"),
            new OutOfScope.Request("catering", "Wir brauchen Kaffee und Kuchen für die Besprechung", "de"),
            new OutOfScope.Request("travel", "The hotel for the business trip to Hamburg is not booked", "en"));

    /** German examples of two teams, and English ones, which the embedding model reads. */
    private static List<LinearRouter.Sample> history() {
        List<LinearRouter.Sample> history = new ArrayList<>();
        for (String text : List.of("Der Drucker im zweiten Stock druckt nicht mehr und zeigt einen Papierstau",
                "Mein Bildschirm bleibt schwarz, obwohl der Laptop eingeschaltet ist",
                "Die Tastatur an meinem Arbeitsplatz hat defekte Tasten und muss getauscht werden",
                "Die Dockingstation erkennt den zweiten Monitor nicht mehr",
                "Der Akku von meinem Laptop hält nur noch eine halbe Stunde")) {
            history.add(new LinearRouter.Sample(text, null, "Hardware Team"));
        }
        for (String text : List.of("Das WLAN im Besprechungsraum bricht ständig ab und ist sehr langsam",
                "Die VPN Verbindung von zu Hause wird nach wenigen Minuten getrennt",
                "Ich komme nicht mehr auf das Netzlaufwerk der Abteilung, der Pfad ist nicht erreichbar",
                "Die Netzwerkdose an meinem Schreibtisch hat keine Verbindung mehr",
                "Das Internet ist im ganzen Gebäude seit heute Morgen extrem langsam")) {
            history.add(new LinearRouter.Sample(text, null, "Network Team"));
        }
        history.add(new LinearRouter.Sample("The printer on the second floor is jammed again", null,
                "Hardware Team"));
        return history;
    }

    @Test
    void aRequestWhoseWordsReadLikeTheReferencesIsOutOfScopeWithTheClosestOne() {
        ScopeModel model = ScopeModel.train(history(), REQUESTS, Set.of("en"));

        assertThat(model).isNotNull();
        assertThat(model.languages()).containsExactly("de");
        String reason = model.reason("Hotel für die Reise nach Berlin buchen. Bitte ein Hotel für die Dienstreise "
                + "nächste Woche buchen.", "de", "Network Team");
        assertThat(reason).startsWith("Out of scope: its words read like a travel request")
                .contains("Dienstreise nach Hamburg", "Network Team");
    }

    @Test
    void aTicketWhoseWordsReadLikeATeamsExamplesIsInScope() {
        ScopeModel model = ScopeModel.train(history(), REQUESTS, Set.of("en"));

        assertThat(model.reason("Drucker druckt nicht. Der Drucker im Flur zeigt einen Papierstau und druckt nicht.",
                "de", "Hardware Team")).isNull();
        assertThat(model.reason("WLAN bricht ab. Die VPN Verbindung und das WLAN brechen ständig ab.", "de",
                "Network Team")).isNull();
    }

    @Test
    void judgesOnlyTheLanguagesTheEmbeddingModelDoesNotReadAndTheHistoryHasExamplesIn() {
        ScopeModel model = ScopeModel.train(history(), REQUESTS, Set.of("en"));
        String hotel = "Hotel für die Reise nach Berlin buchen. Bitte ein Hotel für die Dienstreise buchen.";

        // English is judged by the embedding comparison (OutOfScope), French has no example to tell a team from
        assertThat(model.reason(hotel, "en", "Network Team")).isNull();
        assertThat(model.reason(hotel, "fr", "Network Team")).isNull();
        assertThat(model.reason(hotel, null, "Network Team")).isNull();
    }

    @Test
    void noModelWhenTheEmbeddingReadsEveryLanguageOrNoOtherLanguageHasMoreExamplesThanReferences() {
        assertThat(ScopeModel.train(history(), REQUESTS, Set.of())).as("a model that reads every language").isNull();
        List<LinearRouter.Sample> english = history().stream().filter(s -> s.text().startsWith("The")).toList();
        assertThat(ScopeModel.train(english, REQUESTS, Set.of("en"))).as("an English history").isNull();
        List<OutOfScope.Request> englishReferences = REQUESTS.stream().filter(r -> r.language().equals("en")).toList();
        assertThat(ScopeModel.train(history(), englishReferences, Set.of("en"))).as("English references").isNull();
        // five German examples against six German references: the references' class would outweigh the teams
        assertThat(ScopeModel.train(history().subList(0, 5), REQUESTS, Set.of("en"))).as("a handful").isNull();
    }

    @Test
    void theShippedReferencesAreReadWithTheirLanguages() {
        List<OutOfScope.Request> shipped = OutOfScope.requests();

        assertThat(shipped).extracting(OutOfScope.Request::language).contains("en", "de", "fr", "es");
        assertThat(shipped).allSatisfy(r -> assertThat(r.category()).isNotBlank());
    }
}
