package io.tickettriage.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One of the application's commands ({@code import}, {@code eval}, {@code token}) run as its own JVM on the test
 * class path, as {@code ./ticket-triage <command>} runs it: output and errors in one stream.
 */
public final class CommandProcess {

    private CommandProcess() {
    }

    /** The command, not started yet: callers set its environment. */
    public static ProcessBuilder command(String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "io.tickettriage.TriageApplication"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true);
    }

    /** Runs the command to its end within {@code limit}, asserts it succeeded, and returns what it printed. */
    public static String run(ProcessBuilder command, Duration limit) throws IOException, InterruptedException {
        return run(command, limit, 0);
    }

    /** Runs the command to its end within {@code limit}, asserts its exit code, and returns what it printed. */
    public static String run(ProcessBuilder command, Duration limit, int exitCode)
            throws IOException, InterruptedException {
        Process process = command.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(limit.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isEqualTo(exitCode);
        return output;
    }
}
