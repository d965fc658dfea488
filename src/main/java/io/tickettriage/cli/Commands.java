package io.tickettriage.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.Map;
import java.util.Set;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Runs a command of the jar. {@link #isCommand} tells the application's {@code main} whether its arguments name
 * one, ask for help or the version, or are a word that is no command (answered with the usage); arguments that all
 * start with {@code -} ({@code --server.port=9000}), or none, start the service.
 */
public final class Commands {

    private static final Set<String> NAMES = Set.of("token", "import", "eval", TrainingRun.NAME);
    private static final Set<String> HELP = Set.of("--help", "-h", "--version", "-V");

    private Commands() {
    }

    public static boolean isCommand(String[] args) {
        if (args.length == 0) {
            return false;
        }
        String first = args[0];
        return NAMES.contains(first) || HELP.contains(first) || !first.startsWith("-");
    }

    /**
     * Runs {@code args} and returns the exit code.
     *
     * @param application the Spring Boot application class the commands that need the database start
     * @param environment where the LLM settings of {@code eval} are read (the process environment in production)
     */
    public static int execute(Class<?> application, String[] args, Map<String, String> environment,
            PrintStream out, PrintStream err) {
        ToolContext context = new ToolContext(application);
        CommandLine commandLine = new CommandLine(new Root())
                .addSubcommand(new CommandLine(new TokenCli(context, out)))
                .addSubcommand(new ImportCli(context, out))
                .addSubcommand(new EvalCli(environment, out))
                .addSubcommand(new TrainingRun(application, out))
                .addSubcommand("help", new CommandLine.HelpCommand())
                .setOut(new PrintWriter(out, true, Charset.defaultCharset()))
                .setErr(new PrintWriter(err, true, Charset.defaultCharset()))
                .setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.getSubcommands().values()
                .forEach(command -> command.getCommandSpec().versionProvider(new Version()));
        return commandLine.execute(args);
    }

    @Command(name = "ticket-triage", synopsisSubcommandLabel = "COMMAND", mixinStandardHelpOptions = true,
            versionProvider = Version.class,
            description = "Commands of the Ticket Triage jar. Without a command the jar starts the service.",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:done", "1:the command ran and failed", "2:the command line is wrong"})
    static final class Root {
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Commands.class.getPackage().getImplementationVersion();
            return new String[] {"Ticket Triage " + (version == null ? "(development build)" : version)};
        }
    }
}
