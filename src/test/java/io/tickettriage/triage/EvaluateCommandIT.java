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

import io.tickettriage.cli.Commands;
import io.tickettriage.support.FakeOpenAi;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.json.JsonMapper;

import static io.tickettriage.support.FakeOpenAi.answer;
import static org.assertj.core.api.Assertions.assertThat;

/** The eval command end to end, on a small generated history: real files, the local embedding model, JSON out. */
class EvaluateCommandIT {

    /** No LLM stage, whatever the environment running the build holds. */
    private static final Map<String, String> NO_LLM = Map.of();

    @TempDir
    Path dir;

    /** The eval command as the jar runs it: parsed by the command line, messages and usage into {@code out}. */
    private static int eval(List<String> args, Map<String, String> environment, PrintStream out) {
        List<String> command = new ArrayList<>(List.of("eval"));
        command.addAll(args);
        return Commands.execute(Object.class, command.toArray(String[]::new), environment, out, out);
    }

    /** What an evaluation that succeeded printed, and its JSON report. */
    private record Evaluated(String printed, Map<String, Object> report) {
    }

    /**
     * The starter teams as they ship, scored on {@code test} (title, description, team) and {@code outOfScope} of
     * src/test/resources/triage; {@code more} are further options.
     */
    @SuppressWarnings("unchecked")
    private Evaluated evaluateStarterTeams(String test, String outOfScope, String... more) throws Exception {
        Path json = dir.resolve(test + ".json");
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of("--train", "src/main/resources/knowledge/starter",
                "--test", "src/test/resources/triage/" + test, "--text", "title,description", "--label", "team",
                "--json", json.toString(), "--out-of-scope", "src/test/resources/triage/" + outOfScope));
        args.addAll(List.of(more));

        int code = eval(args, NO_LLM, new PrintStream(output, true, StandardCharsets.UTF_8));

        String printed = output.toString(StandardCharsets.UTF_8);
        assertThat(code).as(printed).isZero();
        return new Evaluated(printed, JsonMapper.builder().build().readValue(json.toFile(), Map.class));
    }

    @Test
    @SuppressWarnings("unchecked")
    void trainsOnAHistoryScoresATestFileAndWritesTheReport() throws Exception {
        Path train = csv("train.csv", 240, 1);
        Path test = csv("test.csv", 60, 2);
        Path json = dir.resolve("report.json");
        ByteArrayOutputStream output = new ByteArrayOutputStream();

        int code = eval(List.of("--train", train.toString(), "--test", test.toString(),
                "--text", "subject,body", "--label", "queue", "--json", json.toString()), NO_LLM,
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
        assertThat(report).doesNotContainKey("llm");
        assertThat(printed).doesNotContain("LLM");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aSecondRunReadsTheVectorsOfTheFirstFromTheVectorCacheAndScoresAlike() throws Exception {
        Path train = csv("train.csv", 120, 1);
        Path test = csv("test.csv", 30, 2);
        Path cache = dir.resolve("vectors.bin");
        List<String> printed = new ArrayList<>();
        List<Map<String, Object>> reports = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            Path json = dir.resolve("report-" + run + ".json");
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            int code = eval(List.of("--train", train.toString(), "--test", test.toString(), "--text", "subject,body",
                    "--label", "queue", "--vector-cache", cache.toString(), "--json", json.toString()), NO_LLM,
                    new PrintStream(output, true, StandardCharsets.UTF_8));
            printed.add(output.toString(StandardCharsets.UTF_8));
            assertThat(code).as(printed.getLast()).isZero();
            reports.add(JsonMapper.builder().build().readValue(json.toFile(), Map.class));
        }

        assertThat(printed.get(0)).containsPattern("vector cache .*: 0 vectors read, [1-9][0-9,]* now \\(written\\)");
        java.util.regex.Matcher second = java.util.regex.Pattern.compile("vector cache .*: ([0-9,]+) vectors read, "
                + "([0-9,]+) now").matcher(printed.get(1));
        assertThat(second.find()).as(printed.get(1)).isTrue();
        // every text of the second run was read from the file: nothing new was embedded
        assertThat(second.group(1)).isEqualTo(second.group(2)).isNotEqualTo("0");
        assertThat(printed.get(1)).doesNotContain("(written)");
        assertThat(Files.exists(cache)).isTrue();
        assertThat(reports.get(1).get("accuracy")).isEqualTo(reports.get(0).get("accuracy"));
        assertThat(reports.get(1).get("auto_routed")).isEqualTo(reports.get(0).get("auto_routed"));
    }

    /**
     * The starter teams as they ship, scored on hand-written tickets: in-scope ones with the priority and tier a
     * service desk would give them (src/test/resources/triage/severity.csv), and tickets that belong to no IT team
     * (out-of-scope.csv). The figures are the targets; bench/routing-quality.md records the measured ones.
     */
    @Test
    @SuppressWarnings("unchecked")
    void starterTeamsRouteFewOutOfScopeTicketsAndGetSeverityRight() throws Exception {
        Evaluated evaluated = evaluateStarterTeams("severity.csv", "out-of-scope.csv", "--priority", "priority",
                "--level", "level");

        String printed = evaluated.printed();
        assertThat(printed).contains("out of scope (out-of-scope.csv)", "Urgent or High predicted Low");
        Map<String, Object> report = evaluated.report();
        Map<String, Object> outOfScope = (Map<String, Object>) report.get("out_of_scope");
        assertThat((Integer) outOfScope.get("tickets")).isGreaterThanOrEqualTo(100);
        assertThat((Double) outOfScope.get("auto_routed_share")).as(printed).isLessThanOrEqualTo(0.10);
        // without the check, a good share of them went to an IT team: the check is what keeps them out
        assertThat((Integer) outOfScope.get("auto_routed_without_check")).isGreaterThan(30);
        Map<String, Object> before = (Map<String, Object>) report.get("auto_routed_without_out_of_scope_check");
        Map<String, Object> after = (Map<String, Object>) report.get("auto_routed");
        assertThat((Double) after.get("coverage")).as(printed)
                .isGreaterThanOrEqualTo((Double) before.get("coverage") - 0.05);
        Map<String, Object> priority = (Map<String, Object>) report.get("priority");
        assertThat((Double) priority.get("accuracy")).as(printed).isGreaterThanOrEqualTo(0.70);
        assertThat((Integer) priority.get("urgent_or_high_predicted_low")).as(printed).isZero();
        assertThat((Map<String, Object>) priority.get("per_class")).containsKeys("Low", "Medium", "High", "Urgent");
        assertThat((Map<String, Object>) report.get("level")).containsKeys("accuracy", "per_class");
    }

    /**
     * Issue 23's target, out of the box: the starter set routes hand-written German, French and Spanish tickets
     * (src/test/resources/triage/multilingual.csv) with precision at least 90% at coverage at least 75%, per language.
     */
    @Test
    @SuppressWarnings("unchecked")
    void starterTeamsRouteGermanFrenchAndSpanishTicketsPerLanguage() throws Exception {
        Evaluated evaluated = evaluateStarterTeams("multilingual.csv", "multilingual-out-of-scope.csv",
                "--language-column", "language");

        String printed = evaluated.printed();
        assertThat(printed).contains("per language (language)");
        Map<String, Object> report = evaluated.report();
        Map<String, Object> byLanguage = (Map<String, Object>) report.get("by_language");
        assertThat(byLanguage).containsOnlyKeys("de", "fr", "es");
        byLanguage.forEach((language, figures) -> {
            Map<String, Object> auto = (Map<String, Object>) ((Map<String, Object>) figures).get("auto_routed");
            assertThat((Double) auto.get("coverage")).as(language + ": " + printed).isGreaterThanOrEqualTo(0.75);
            assertThat((Double) auto.get("precision")).as(language + ": " + printed).isGreaterThanOrEqualTo(0.90);
        });
        // German, French and Spanish requests no team owns: 41 of 60 were routed to a team before their languages
        // had out-of-scope references of their own, 20 with them, 7 since their words are weighed too
        // (bench/routing-quality.md); this keeps it from rising
        Map<String, Object> outOfScope = (Map<String, Object>) report.get("out_of_scope");
        assertThat((Integer) outOfScope.get("tickets")).isEqualTo(60);
        assertThat((Integer) outOfScope.get("auto_routed")).as(printed).isLessThanOrEqualTo(9);
    }

    /**
     * The same on sets written after the out-of-scope check for these languages was built, by someone who saw neither
     * the starter examples nor the references (multilingual-holdout.csv, multilingual-out-of-scope-holdout.csv): 23
     * of 45 requests no team owns were routed to a team before their words were weighed, 9 since, and the in-scope
     * tickets route as before (coverage 0.911 at precision 0.976; bench/routing-quality.md).
     */
    @Test
    @SuppressWarnings("unchecked")
    void starterTeamsKeepGermanFrenchAndSpanishRequestsNoTeamOwnsOutOnUnseenTickets() throws Exception {
        Evaluated evaluated = evaluateStarterTeams("multilingual-holdout.csv",
                "multilingual-out-of-scope-holdout.csv");

        String printed = evaluated.printed();
        Map<String, Object> report = evaluated.report();
        Map<String, Object> auto = (Map<String, Object>) report.get("auto_routed");
        assertThat((Double) auto.get("coverage")).as(printed).isGreaterThanOrEqualTo(0.85);
        assertThat((Double) auto.get("precision")).as(printed).isGreaterThanOrEqualTo(0.95);
        Map<String, Object> outOfScope = (Map<String, Object>) report.get("out_of_scope");
        assertThat((Integer) outOfScope.get("tickets")).isEqualTo(45);
        assertThat((Integer) outOfScope.get("auto_routed")).as(printed).isLessThanOrEqualTo(11);
        assertThat((List<String>) outOfScope.get("stopped_by_check")).as(printed)
                .anySatisfy(reason -> assertThat(reason).contains("Out of scope: its words read like"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void comparesTheLocalEngineWithTheLlmStageAskedAsTheServiceAsksIt() throws Exception {
        Path train = csv("train.csv", 120, 1);
        // Tickets in words the history never used: the local engine cannot place them, the LLM (here) can.
        Path test = csv("test.csv", 45, 2, "zebra-7 unreachable since noon,,Network",
                "zebra-9 keeps rebooting,it blinks orange,Network", "quokka ledger mismatch,,Billing");
        Path json = dir.resolve("report.json");
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (FakeOpenAi llm = FakeOpenAi.start()) {
            // One reply that is no answer at all, one server error (retried), then answers read from the ticket:
            // the team one of its words belongs to, or none.
            llm.then(FakeOpenAi.content("Sure! It is the network."), FakeOpenAi.status(500, "{}"))
                    .otherwise(call -> answer(teamNamedIn(ticketIn(call.prompt())), "Medium", "Tier 1",
                            "Named in the ticket."));
            Map<String, String> environment = Map.of("OPENAI_API_KEY", "sk-test", "OPENAI_BASE_URL", llm.baseUrl(),
                    "OPENAI_MODEL", "fake-model", "TRIAGE_LLM_RETRY_BACKOFF", "10ms",
                    "TRIAGE_LLM_MAX_CONCURRENCY", "2");

            int code = eval(List.of("--train", train.toString(), "--test", test.toString(),
                    "--text", "subject,body", "--label", "queue", "--embeddings", "off", "--llm-mode", "assist",
                    "--json", json.toString()), environment, new PrintStream(output, true, StandardCharsets.UTF_8));

            String printed = output.toString(StandardCharsets.UTF_8);
            assertThat(code).as(printed).isZero();
            assertThat(printed).contains("LLM stage: assist; fake-model", "asking the LLM about", "local+LLM");
            Map<String, Object> report = JsonMapper.builder().build().readValue(json.toFile(), Map.class);
            Map<String, Object> local = (Map<String, Object>) report.get("auto_routed");
            Map<String, Object> combined = (Map<String, Object>) report.get("llm");
            assertThat(combined).containsEntry("mode", "assist").containsEntry("model", "fake-model")
                    .containsKeys("accuracy", "macro_f1", "per_class", "auto_routed");
            int asked = (Integer) combined.get("asked");
            int answered = (Integer) combined.get("answered");
            int testRows = (Integer) report.get("test_rows");
            // Assist mode asks about exactly the tickets the local engine leaves for Manual Review.
            assertThat(asked).isEqualTo(Math.round(testRows * (1 - (Double) local.get("coverage"))))
                    .isPositive().isLessThan(testRows);
            assertThat(answered + (Integer) combined.get("rejected") + (Integer) combined.get("failed")
                    + (Integer) combined.get("skipped")).isEqualTo(asked);
            assertThat((Integer) combined.get("rejected")).isEqualTo(1);
            assertThat(answered).isEqualTo(asked - 1);
            assertThat((Integer) combined.get("calls")).isEqualTo(llm.calls().size()).isEqualTo(asked + 1);
            assertThat(llm.mostInFlight()).isLessThanOrEqualTo(2);
            // Tickets the LLM placed are routed now, the others stay where the local engine left them.
            double coverage = (Double) ((Map<String, Object>) combined.get("auto_routed")).get("coverage");
            assertThat(coverage).isGreaterThan((Double) local.get("coverage"));
            assertThat((Double) combined.get("accuracy")).isGreaterThan((Double) report.get("accuracy"));

            // Asked as the service asks: only the teams policy allows, the nearest history rows with their text
            // and labels, and the ticket between markers.
            FakeOpenAi.Call call = llm.lastCall();
            String examples = call.prompt().substring(call.prompt().indexOf("<<<EXAMPLES "),
                    call.prompt().indexOf(">>>END EXAMPLES "));
            assertThat(examples.lines().skip(1)).hasSize(5)
                    .allSatisfy(line -> assertThat(line).contains("\"title\":\"", "\"description\":\"",
                            "\"team\":\""));
            assertThat(llm.calls()).anySatisfy(request -> assertThat(request.prompt())
                    .containsPattern("\\{\"title\":\"[a-z ]+ issue\",\"description\":\"[^\"]*\",\"team\":\"(Billing|Network|Printers)\"}"));
            assertThat(call.json().toString()).contains("\"enum\":[\"Billing\",\"Network\",\"Printers\",\"none\"]");
            assertThat(call.prompt()).contains("<<<TICKET ");
        }
    }

    @Test
    void refusesAnLlmModeWithoutAnEndpoint() throws Exception {
        Path train = csv("train.csv", 20, 1);
        ByteArrayOutputStream output = new ByteArrayOutputStream();

        int code = eval(List.of("--train", train.toString(), "--test", train.toString(),
                "--text", "subject", "--label", "queue", "--llm-mode", "always"), NO_LLM,
                new PrintStream(output, true, StandardCharsets.UTF_8));

        assertThat(code).isEqualTo(2);
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("--llm-mode always needs OPENAI_API_KEY");
    }

    private static String ticketIn(String prompt) {
        int start = prompt.indexOf("<<<TICKET ");
        return prompt.substring(start, prompt.indexOf(">>>END TICKET ", start));
    }

    private static String teamNamedIn(String ticket) {
        String text = ticket.toLowerCase(java.util.Locale.ROOT);
        if (text.contains("zebra")) {
            return "Network";
        }
        if (text.contains("quokka")) {
            return "Billing";
        }
        for (String[] queue : QUEUES) {
            for (int i = 1; i < queue.length; i++) {
                if (text.contains(queue[i].toLowerCase(java.util.Locale.ROOT))) {
                    return queue[0];
                }
            }
        }
        return "none";
    }

    @Test
    void refusesMissingColumnsAndOptionsWithAClearMessage() throws Exception {
        Path train = csv("train.csv", 20, 1);
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);

        assertThat(eval(List.of("--train", train.toString()), NO_LLM, out)).isEqualTo(2);
        ByteArrayOutputStream noLanguage = new ByteArrayOutputStream();
        assertThat(eval(List.of("--train", train.toString(), "--test", train.toString(), "--text", "subject",
                "--label", "queue", "--embeddings", "off", "--language-column", "lang"), NO_LLM,
                new PrintStream(noLanguage, true, StandardCharsets.UTF_8))).isEqualTo(1);
        assertThat(noLanguage.toString(StandardCharsets.UTF_8)).contains("no column \"lang\"")
                .as("refused before training").doesNotContain("calibrated:");
        assertThat(eval(List.of("--train", train.toString(), "--test", train.toString(),
                "--text", "nope", "--label", "queue", "--embeddings", "off"), NO_LLM, out)).isEqualTo(1);
        assertThat(eval(List.of("--train", dir.resolve("missing.csv").toString(), "--test", train.toString(),
                "--text", "subject", "--label", "queue", "--embeddings", "off"), NO_LLM, out)).isEqualTo(1);
        Path oneLabel = Files.writeString(dir.resolve("one-label.csv"), "subject,queue\nprinter jammed,Printers\n"
                + "toner empty,Printers\n");
        assertThat(eval(List.of("--train", oneLabel.toString(), "--test", train.toString(), "--text", "subject",
                "--label", "queue", "--embeddings", "off"), NO_LLM, out)).isEqualTo(1);
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("Missing required options: '--test=TEST.csv'")
                .contains("no column \"nope\"").contains("eval failed: no such file: " + dir.resolve("missing.csv"))
                .contains("eval failed: the history has one label (Printers): a routing model chooses between two or"
                        + " more")
                .doesNotContain("Exception");
    }

    private static final String[][] QUEUES = {
        {"Billing", "invoice", "refund", "payment", "charged twice", "Rechnung", "factura"},
        {"Network", "vpn", "wifi", "router", "connection drops", "Netzwerk", "conexión"},
        {"Printers", "printer", "toner", "paper jam", "print queue", "Drucker", "impresora"}};

    /** Three clear queues plus a rare one, duplicate rows, empty fields, accents and a broken byte. */
    private Path csv(String name, int rows, long seed, String... extraLines) throws Exception {
        String[][] queues = QUEUES;
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
        lines.addAll(List.of(extraLines));
        Path file = dir.resolve(name);
        byte[] text = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] broken = new byte[text.length + 1];
        System.arraycopy(text, 0, broken, 0, text.length);
        broken[text.length] = (byte) 0xC3; // a truncated UTF-8 sequence at the end of the file
        Files.write(file, broken);
        return file;
    }
}
