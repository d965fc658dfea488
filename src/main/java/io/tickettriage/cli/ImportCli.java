package io.tickettriage.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.tickettriage.connector.ConnectorSetup;
import io.tickettriage.connector.HistoryImport;
import io.tickettriage.knowledge.ImportCommand;
import io.tickettriage.knowledge.KnowledgeBase;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code import}: loads a labelled history into the service's knowledge base (the same {@code DATABASE_URL}); a
 * running service sees the new examples within its poll interval. Importing the same file twice adds nothing.
 */
@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Load a labelled history (CSV), team files (<Team>.json) or a helpdesk's closed tickets "
                + "(--zammad URL, --glpi URL) into the knowledge base (DATABASE_URL). Each new example is embedded "
                + "once; known ones are skipped.")
final class ImportCli implements Callable<Integer> {

    private final ToolContext tool;
    private final PrintStream out;

    @Spec
    @Nullable CommandSpec spec;

    @ArgGroup(multiplicity = "1")
    @Nullable Source source;

    @Option(names = "--text", split = ",", paramLabel = "COL", description = "CSV columns joined into the text")
    String @Nullable [] text;

    @Option(names = "--label", paramLabel = "COL", description = "CSV column holding the team")
    @Nullable String label;

    @Option(names = "--priority", paramLabel = "COL", description = "CSV column holding the priority (optional)")
    @Nullable String priority;

    @Option(names = "--level", paramLabel = "COL", description = "CSV column holding the support tier (optional)")
    @Nullable String level;

    static final class Source {
        @Option(names = "--csv", required = true, paramLabel = "FILE", description = "a labelled CSV history")
        @Nullable Path csv;

        @Option(names = "--json", required = true, paramLabel = "FILE_OR_FOLDER",
                description = "a <Team>.json knowledge file, or a folder of them")
        @Nullable Path json;

        @Option(names = "--zammad", required = true, paramLabel = "URL",
                description = "a Zammad instance: its closed tickets, their group as the team (TRIAGE_ZAMMAD_URL)")
        @Nullable String zammad;

        @Option(names = "--glpi", required = true, paramLabel = "URL",
                description = "a GLPI server: its solved and closed tickets, their assigned group as the team "
                        + "(TRIAGE_GLPI_URL)")
        @Nullable String glpi;
    }

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "the Zammad API token (default: TRIAGE_ZAMMAD_TOKEN)")
    @Nullable String token;

    @Option(names = "--app-token", paramLabel = "TOKEN",
            description = "the GLPI API client's App-Token (default: TRIAGE_GLPI_APP_TOKEN)")
    @Nullable String appToken;

    @Option(names = "--user-token", paramLabel = "TOKEN",
            description = "the GLPI user's API token (default: TRIAGE_GLPI_USER_TOKEN)")
    @Nullable String userToken;

    @Option(names = "--without-starter-teams",
            description = "remove the starter examples, so that the teams are the helpdesk's groups; set "
                    + "TRIAGE_KNOWLEDGE_STARTER_SET=false for the service too")
    boolean withoutStarterTeams;

    @Option(names = "--holdout", paramLabel = "FOLDER",
            description = "with a helpdesk: write its imported history as <name>-history-train.csv and "
                    + "<name>-history-test.csv there, for eval")
    @Nullable Path holdout;

    ImportCli(ToolContext tool, PrintStream out) {
        this.tool = tool;
        this.out = out;
    }

    @Override
    public Integer call() throws InterruptedException {
        boolean glpiTokens = appToken != null || userToken != null;
        if ((token != null && source.zammad == null) || (glpiTokens && source.glpi == null)) {
            throw new ParameterException(spec.commandLine(), "--token goes with --zammad, --app-token and --user-token "
                    + "with --glpi");
        }
        if (source.zammad != null) {
            Map<String, @Nullable String> credentials = new LinkedHashMap<>();
            credentials.put("token", token);
            return importHelpdesk("zammad", source.zammad, credentials);
        }
        if (source.glpi != null) {
            Map<String, @Nullable String> credentials = new LinkedHashMap<>();
            credentials.put("app-token", appToken);
            credentials.put("user-token", userToken);
            return importHelpdesk("glpi", source.glpi, credentials);
        }
        if (holdout != null) {
            throw new ParameterException(spec.commandLine(), "--holdout goes with a helpdesk (--zammad, --glpi)");
        }
        Map<String, String> options = new LinkedHashMap<>();
        if (source.csv != null) {
            if (text == null || label == null) {
                throw new ParameterException(spec.commandLine(), "--csv needs --text and --label");
            }
            options.put("csv", source.csv.toString());
            options.put("text", String.join(",", text));
            options.put("label", label);
            putIfSet(options, "priority", priority);
            putIfSet(options, "level", level);
        } else {
            options.put("json", source.json.toString());
        }
        // before the service starts (and embeds its starter set), not after
        Path file = source.csv != null ? source.csv : source.json;
        if (file != null && !Files.isReadable(file)) {
            throw new ParameterException(spec.commandLine(), (source.csv != null ? "--csv" : "--json")
                    + ": no such file or folder, or not readable: " + file);
        }
        try (ConfigurableApplicationContext context = tool.start(!withoutStarterTeams)) {
            return ImportCommand.run(options, context.getBean(KnowledgeBase.class), out);
        }
    }

    /** A helpdesk's history, through its connector; the URL and credential flags win over the settings. */
    private int importHelpdesk(String connector, String url, Map<String, @Nullable String> credentials)
            throws InterruptedException {
        if (!ConnectorSetup.isWebAddress(url)) {
            throw new ParameterException(spec.commandLine(), "--" + connector + " must be an http:// or https:// "
                    + "address with a host name, e.g. https://helpdesk.example.com, not " + url);
        }
        List<String> arguments = new ArrayList<>(List.of("--triage." + connector + ".url=" + url,
                "--triage.connectors.polling=false"));
        credentials.forEach((name, value) -> {
            if (value != null) {
                arguments.add("--triage." + connector + "." + name + "=" + value);
            }
        });
        try (ConfigurableApplicationContext context = tool.start(!withoutStarterTeams,
                arguments.toArray(String[]::new))) {
            return context.getBean(HistoryImport.class).run(connector, holdout, out);
        } catch (org.springframework.beans.factory.BeanCreationException e) {
            Throwable cause = e.getMostSpecificCause();
            out.println("import failed: " + cause.getMessage());
            return 1;
        }
    }

    private static void putIfSet(Map<String, String> options, String name, @Nullable String value) {
        if (value != null) {
            options.put(name, value);
        }
    }
}
