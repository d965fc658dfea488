package io.tickettriage.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluationInputTests {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @Test
    void readsBothFilesJoinsTheTextColumnsAndSaysWhatTheHistoryHolds() throws Exception {
        Map<String, String> options = options(csv("train.csv", "printer jammed,floor two,Hardware",
                "vpn drops,,Network", "no label here,,"), csv("test.csv", "wifi slow,office,Network"));

        EvaluationInput input = EvaluationInput.read(options, out);

        assertThat(input.textColumns()).containsExactly("subject", "body");
        assertThat(input.train().rows()).extracting(r -> r.label()).containsExactly("Hardware", "Network");
        assertThat(input.test().rows().getFirst().text()).contains("wifi slow").contains("office");
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .isEqualTo("history: 2 rows (1 without a label skipped), 2 labels; test: 1 rows\n");
    }

    @Test
    void aFileWithoutALabelledRowIsRefused() throws Exception {
        Map<String, String> options = options(csv("train.csv", "printer jammed,,Hardware", "vpn drops,,Network"),
                csv("test.csv", "wifi slow,office,"));

        assertThatThrownBy(() -> EvaluationInput.read(options, out)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("both files need at least one labelled row");
    }

    @Test
    void aHistoryOfOneLabelIsRefused() throws Exception {
        Map<String, String> options = options(csv("train.csv", "printer jammed,,Hardware", "toner empty,,Hardware"),
                csv("test.csv", "wifi slow,,Network"));

        assertThatThrownBy(() -> EvaluationInput.read(options, out)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the history has one label (Hardware): a routing model chooses between two or more, as the"
                        + " service's does");
    }

    @Test
    void theRoutersSettingsAreTheServicesWithTheOptionsOnTop() throws Exception {
        Map<String, String> options = options(csv("train.csv", "printer jammed,,Hardware", "vpn drops,,Network"),
                csv("test.csv", "wifi slow,,Network"));
        options.putAll(Map.of("target-precision", "0.8", "min-label-examples", "3", "cost", "2.5",
                "class-weight-power", "0"));

        LinearRouter.Settings settings = EvaluationInput.read(options, out).routerSettings();

        LinearRouter.Settings defaults = LinearRouter.Settings.defaults(0.8, 3);
        assertThat(settings).isEqualTo(new LinearRouter.Settings(defaults.folds(), 0.8, 3,
                defaults.embeddingWeight(), 2.5, defaults.threads()).withClassWeightPower(0));
    }

    @Test
    void languagesComeFromTheNamedColumnOrAreDetected() throws Exception {
        Path test = dir.resolve("test.csv");
        Files.writeString(test, "subject,body,queue,lang\n"
                + "Der Drucker druckt nicht mehr und das Papier klemmt,,Hardware,de\n"
                + "The printer does not print and the paper is stuck,,Hardware,\n");
        Map<String, String> options = options(csv("train.csv", "printer jammed,,Hardware", "vpn drops,,Network"), test);

        EvaluationInput detected = EvaluationInput.read(options, out);
        Map<String, String> withColumn = new HashMap<>(options);
        withColumn.put("language-column", "lang");
        EvaluationInput named = EvaluationInput.read(withColumn, out);

        assertThat(detected.languageSource()).isEqualTo("detected");
        assertThat(detected.languages()).containsExactly("de", "en");
        assertThat(named.languageSource()).isEqualTo("lang");
        assertThat(named.languages()).containsExactly("de", "");
    }

    @Test
    void whatARunWouldOnlyFindWrongAfterTrainingIsRefusedBeforeIt() throws Exception {
        Map<String, String> options = options(csv("train.csv", "printer jammed,,Hardware", "vpn drops,,Network"),
                csv("test.csv", "wifi slow,,Network"));
        Path outOfScope = csv("out-of-scope.csv", "lunch menu,,");

        options.putAll(Map.of("out-of-scope", outOfScope.toString(), "embeddings", "off"));
        assertThatThrownBy(() -> EvaluationInput.read(options, out)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--out-of-scope needs --embeddings on: the check compares embeddings");

        options.putAll(Map.of("out-of-scope", dir.resolve("nope.csv").toString(), "embeddings", "on"));
        assertThatThrownBy(() -> EvaluationInput.read(options, out)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--out-of-scope: no readable file " + dir.resolve("nope.csv"));

        options.put("out-of-scope", outOfScope.toString());
        options.put("json", dir.resolve("reports/run.json").toString());
        assertThatThrownBy(() -> EvaluationInput.read(options, out)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--json: no folder " + dir.resolve("reports") + " to write "
                        + dir.resolve("reports/run.json") + " in");

        options.put("json", dir.resolve("run.json").toString());
        options.put("vector-cache", dir.resolve("cache/vectors.bin").toString());
        assertThatThrownBy(() -> EvaluationInput.read(options, out)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--vector-cache: no folder ");

        options.put("vector-cache", "vectors.bin");
        assertThat(EvaluationInput.read(options, out).outOfScope()).isEqualTo(outOfScope);
        assertThat(printed.toString(StandardCharsets.UTF_8)).isEqualTo("history: 2 rows (0 without a label skipped), "
                + "2 labels; test: 1 rows\n");
    }

    private Map<String, String> options(Path train, Path test) {
        return new HashMap<>(Map.of("train", train.toString(), "test", test.toString(), "text", "subject, body",
                "label", "queue"));
    }

    private Path csv(String name, String... rows) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, "subject,body,queue\n" + String.join("\n", rows) + "\n");
        return file;
    }
}
