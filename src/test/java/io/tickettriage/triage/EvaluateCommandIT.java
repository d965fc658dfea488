package io.tickettriage.triage;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The eval command end to end, on a small generated history: real files, the local embedding model, JSON out. */
class EvaluateCommandIT {

    @TempDir
    Path dir;

    @Test
    @SuppressWarnings("unchecked")
    void trainsOnAHistoryScoresATestFileAndWritesTheReport() throws Exception {
        Path train = csv("train.csv", 240, 1);
        Path test = csv("test.csv", 60, 2);
        Path json = dir.resolve("report.json");
        ByteArrayOutputStream output = new ByteArrayOutputStream();

        int code = EvaluateCommand.run(List.of("--train", train.toString(), "--test", test.toString(),
                "--text", "subject,body", "--label", "queue", "--json", json.toString()),
                new PrintStream(output, true, StandardCharsets.UTF_8));

        String printed = output.toString(StandardCharsets.UTF_8);
        assertThat(code).as(printed).isZero();
        assertThat(printed).contains("cross-validation fold 5/5", "accuracy", "macro-F1", "coverage");
        Map<String, Object> report = JsonMapper.builder().build().readValue(json.toFile(), Map.class);
        assertThat(report).containsKeys("accuracy", "macro_f1", "per_class", "confusion_matrix", "auto_routed",
                "train_seconds", "classify_per_second");
        assertThat((Double) report.get("accuracy")).isGreaterThan(0.8);
        assertThat((Map<String, Object>) report.get("per_class")).containsKeys("Billing", "Network", "Printers");
        // A label seen twice in the history is scored but never auto-routed.
        Map<String, Object> auto = (Map<String, Object>) report.get("auto_routed");
        assertThat(auto).containsEntry("target_precision", 0.9);
        assertThat((Double) auto.get("precision")).isGreaterThanOrEqualTo(0.8);
    }

    @Test
    void refusesMissingColumnsAndOptionsWithAClearMessage() throws Exception {
        Path train = csv("train.csv", 20, 1);
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);

        assertThat(EvaluateCommand.run(List.of("--train", train.toString()), out)).isEqualTo(2);
        assertThat(EvaluateCommand.run(List.of("--train", train.toString(), "--test", train.toString(),
                "--text", "nope", "--label", "queue", "--embeddings", "off"), out)).isEqualTo(1);
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("missing --test").contains("no column \"nope\"");
    }

    /** Three clear queues plus a rare one, duplicate rows, empty fields, accents and a broken byte. */
    private Path csv(String name, int rows, long seed) throws Exception {
        String[][] queues = {
            {"Billing", "invoice", "refund", "payment", "charged twice", "Rechnung", "factura"},
            {"Network", "vpn", "wifi", "router", "connection drops", "Netzwerk", "conexión"},
            {"Printers", "printer", "toner", "paper jam", "print queue", "Drucker", "impresora"}};
        Random random = new Random(seed);
        List<String> lines = new ArrayList<>(List.of("subject,body,queue"));
        for (int i = 0; i < rows; i++) {
            String[] queue = queues[i % queues.length];
            String word = queue[1 + random.nextInt(queue.length - 1)];
            String other = queue[1 + random.nextInt(queue.length - 1)];
            String body = i % 7 == 0 ? "" : "\"Hello, my " + other + " problem, again\nthanks\"";
            lines.add(word + " issue," + body + "," + queue[0]);
        }
        lines.add("duplicate vpn issue,,Network");
        lines.add("duplicate vpn issue,,Network");
        lines.add("legal question,contract review,Legal");
        lines.add("another legal question,,Legal");
        lines.add("row without a label,,");
        Path file = dir.resolve(name);
        byte[] text = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] broken = new byte[text.length + 1];
        System.arraycopy(text, 0, broken, 0, text.length);
        broken[text.length] = (byte) 0xC3; // a truncated UTF-8 sequence at the end of the file
        Files.write(file, broken);
        return file;
    }
}
