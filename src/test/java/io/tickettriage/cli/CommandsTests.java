package io.tickettriage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line's syntax, help and exit codes. Every case here is refused or answered before a command
 * starts anything, so no database or model is involved; the commands' work is tested in FirstStartIT,
 * ImportCommandIT and EvaluateCommandIT.
 */
class CommandsTests {

    @TempDir
    Path dir;

    /** What one run printed and returned. */
    record Run(int code, String out, String err) {
    }

    private Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Commands.execute(Object.class, args, Map.of(),
                new PrintStream(out, true, Charset.defaultCharset()), new PrintStream(err, true, Charset.defaultCharset()));
        return new Run(code, out.toString(Charset.defaultCharset()), err.toString(Charset.defaultCharset()));
    }

    @Test
    void commandsHelpAndWordsThatAreNoCommandAreAnsweredOnlyOptionsStartTheService() {
        assertThat(Commands.isCommand(new String[] {"token", "list"})).isTrue();
        assertThat(Commands.isCommand(new String[] {"import"})).isTrue();
        assertThat(Commands.isCommand(new String[] {"eval"})).isTrue();
        assertThat(Commands.isCommand(new String[] {"--help"})).isTrue();
        assertThat(Commands.isCommand(new String[] {"-V"})).isTrue();
        assertThat(Commands.isCommand(new String[] {"help"})).isTrue();
        assertThat(Commands.isCommand(new String[] {"bogus"})).isTrue();
        assertThat(Commands.isCommand(new String[] {})).isFalse();
        assertThat(Commands.isCommand(new String[] {"--server.port=9000"})).isFalse();
    }

    @Test
    void helpAndVersionAreAnsweredAndAWordThatIsNoCommandIsRefusedWithTheUsage() {
        assertThat(run("help").out()).startsWith("Usage: ").contains("token", "import", "eval");
        assertThat(run("help", "eval").out()).contains("--train=HISTORY.csv");
        assertThat(run("--version").out()).startsWith("Ticket Triage ");
        assertThat(run("token", "--version").out()).startsWith("Ticket Triage ");
        assertRefused(run("bogus"), "Unmatched argument at index 0: 'bogus'");
    }

    @Test
    void everyCommandHasItsHelp() {
        for (String[] args : new String[][] {{"--help"}, {"token", "--help"}, {"token", "create", "--help"},
                {"token", "list", "--help"}, {"token", "revoke", "--help"}, {"token", "login-link", "--help"},
                {"import", "--help"}, {"eval", "--help"}}) {
            Run run = run(args);
            assertThat(run.code()).as(String.join(" ", args)).isZero();
            assertThat(run.out()).as(String.join(" ", args)).startsWith("Usage: ");
        }
        assertThat(run("--help").out()).contains("token", "import", "eval", "Exit codes:")
                .doesNotContain("training-run");
        assertThat(run("token", "create", "--help").out()).contains("--role=ROLE", "--name=NAME");
        assertThat(run("import", "--help").out()).contains("--csv=FILE", "--json=FILE_OR_FOLDER", "--text=COL");
        assertThat(run("eval", "--help").out()).contains("--train=HISTORY.csv", "--target-precision=P",
                "--llm-mode");
    }

    @Test
    void aWrongCommandLineExitsWithTwoAndSaysWhatIsWrongAndHowItIsUsed() {
        assertRefused(run("token"), "Missing required subcommand");
        assertRefused(run("token", "create"), "Missing required option: '--role=ROLE'");
        assertRefused(run("token", "create", "--role", "boss"), "unknown role 'boss'");
        assertRefused(run("token", "create", "--role=root"), "unknown role 'root'");
        assertRefused(run("token", "create", "--role"), "Missing required parameter for option '--role'");
        assertRefused(run("token", "revoke", "abc"), "Invalid value for positional parameter at index 0 (ID)");
        assertRefused(run("token", "list", "--all"), "Unknown option: '--all'");
        assertRefused(run("import", "--csv", "x.csv"), "--csv needs --text and --label");
        assertRefused(run("import", "--csv", "x.csv", "--json", "y"), "mutually exclusive");
        assertRefused(run("import"), "Missing required argument");
        assertRefused(run("import", "--csv", "missing.csv", "--text", "a", "--label", "b"),
                "--csv: no such file or folder, or not readable: missing.csv");
        assertRefused(run("import", "--json", "missing"), "--json: no such file or folder, or not readable: missing");
        assertRefused(run("import", "--zammad", "notaurl", "--token", "t"), "--zammad must be an http:// or https:// "
                + "address with a host name, e.g. https://helpdesk.example.com, not notaurl");
        assertRefused(run("import", "--glpi", "ftp://glpi.example.com"), "--glpi must be an http:// or https://");
        assertRefused(run("eval", "--train", "h.csv"), "Missing required options: '--test=TEST.csv'");
        assertRefused(run("eval", "--train", "h.csv", "--test", "t.csv", "--text", "a", "--label", "b",
                "--target-precision", "high"), "Invalid value for option '--target-precision'");
        assertRefused(run("eval", "--train", "h.csv", "--test", "t.csv", "--text", "a", "--label", "b",
                "--embeddings", "maybe"), "Invalid value for option '--embeddings'");
    }

    @Test
    void evalRefusesNumbersOutOfRangeBeforeReadingAnyFile() {
        String[][] wrong = {
            {"--target-precision", "2", "--target-precision must be above 0 and at most 1, not 2.0"},
            {"--target-precision", "0", "--target-precision must be above 0 and at most 1, not 0.0"},
            {"--min-label-examples", "0", "--min-label-examples must be at least 1, not 0"},
            {"--embedding-weight", "-1", "--embedding-weight must be 0 or more, not -1.0"},
            {"--cost", "-1", "--cost must be above 0, not -1.0"},
            {"--cost", "NaN", "--cost must be above 0, not NaN"},
            {"--class-weight-power", "3", "--class-weight-power must be from 0 to 1, not 3.0"},
            {"--neighbours", "-3", "--neighbours must be 0 or more, not -3"},
            {"--min-similarity", "1.5", "--min-similarity must be from -1 to 1, not 1.5"}};
        for (String[] option : wrong) {
            // the files do not exist: a refusal that names the option shows it was checked first
            assertRefused(run("eval", "--train", "missing.csv", "--test", "missing.csv", "--text", "a", "--label", "b",
                    option[0], option[1]), option[2]);
        }
    }

    @Test
    void evalRefusesOptionsThatCannotGoTogetherBeforeReadingAnyFile() {
        assertRefused(run("eval", "--train", "missing.csv", "--test", "missing.csv", "--text", "a", "--label", "b",
                "--embeddings", "off", "--out-of-scope", "missing.csv"),
                "--out-of-scope needs --embeddings on: the check compares embeddings");
    }

    private static void assertRefused(Run run, String message) {
        assertThat(run.code()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains(message).contains("Usage: ");
    }

    @Test
    void optionsTakeTheirValueAfterASpaceOrAnEqualsSign() {
        String missing = dir.resolve("missing.csv").toString();
        Run spaced = run("eval", "--train", missing, "--test", missing, "--text", "subject", "--label", "queue",
                "--embeddings", "off");
        Run joined = run("eval", "--train=" + missing, "--test=" + missing, "--text=subject", "--label=queue",
                "--embeddings=OFF");
        // both reach the command, which fails (exit code 1) on the file that does not exist
        assertThat(spaced.code()).as(spaced.out() + spaced.err()).isEqualTo(1);
        assertThat(joined.code()).as(joined.out() + joined.err()).isEqualTo(1);
        assertThat(spaced.out()).contains("eval failed:", "missing.csv");
        assertThat(joined.out()).isEqualTo(spaced.out());
    }
}
