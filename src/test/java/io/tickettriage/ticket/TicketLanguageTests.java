package io.tickettriage.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.tickettriage.knowledge.LabelledCsv;

import org.junit.jupiter.api.Test;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

class TicketLanguageTests {

    private static final Path TRIAGE = Path.of("src/test/resources/triage");
    private static final Path STARTER = Path.of("src/main/resources/knowledge/starter");

    @Test
    void tellsTheLanguageOfEveryHandWrittenGermanFrenchAndSpanishTicket() throws IOException {
        List<String> wrong = new ArrayList<>();
        for (LabelledCsv.Row row : LabelledCsv.read(TRIAGE.resolve("multilingual.csv"),
                List.of("title", "description"), "language", null, null).rows()) {
            String detected = TicketLanguage.detect(row.title(), row.description());
            if (!row.label().equals(detected)) {
                wrong.add(row.title() + " -> " + detected);
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void tellsEnglishForTheHandWrittenEnglishTickets() throws IOException {
        List<String> wrong = new ArrayList<>();
        for (String file : List.of("severity.csv", "severity-holdout.csv")) {
            for (LabelledCsv.Row row : LabelledCsv.read(TRIAGE.resolve(file), List.of("title", "description"),
                    "team", null, null).rows()) {
                String detected = TicketLanguage.detect(row.title(), row.description());
                if (!"en".equals(detected)) {
                    wrong.add(row.title() + " -> " + detected);
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void tellsTheLanguageEachStarterFileIsWrittenIn() throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        List<String> wrong = new ArrayList<>();
        int read = 0;
        List<Path> files;
        try (Stream<Path> listing = Files.list(STARTER)) {
            files = listing.filter(file -> file.toString().endsWith(".json")).sorted().toList();
        }
        for (Path file : files) {
            String[] parts = file.getFileName().toString().split("\\.");
            String expected = parts.length == 3 ? parts[1] : "en";
            for (Map<String, Object> entry : json.readValue(file.toFile(),
                    new TypeReference<List<Map<String, Object>>>() {
                    })) {
                read++;
                String detected = TicketLanguage.detect((String) entry.get("title"), (String) entry.get("description"));
                if (!expected.equals(detected)) {
                    wrong.add(file.getFileName() + ": " + entry.get("title") + " -> " + detected);
                }
            }
        }
        assertThat(read).isGreaterThan(500);
        assertThat(wrong).isEmpty();
    }

    @Test
    void saysNothingWhenTheTextIsTooShortOrOnlyJargon() {
        assertThat(TicketLanguage.detect(null, null)).isNull();
        assertThat(TicketLanguage.detect("", " ")).isNull();
        assertThat(TicketLanguage.detect("VPN down", "")).isNull();
        assertThat(TicketLanguage.detect("Outlook 0x800CCC0E", "SAP MIRO")).isNull();
    }

    @Test
    void readsShortTicketsByTheirFunctionWordsAndLetters() {
        assertThat(TicketLanguage.detect("Mein Drucker druckt nicht mehr", "")).isEqualTo("de");
        assertThat(TicketLanguage.detect("Je n'arrive pas à imprimer", "")).isEqualTo("fr");
        assertThat(TicketLanguage.detect("¿Por qué no funciona la impresora?", "")).isEqualTo("es");
        assertThat(TicketLanguage.detect("My printer is not working", "")).isEqualTo("en");
    }
}
