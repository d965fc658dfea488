package io.tickettriage.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

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
        description = "Load a labelled history (CSV) or team files (<Team>.json) into the knowledge base "
                + "(DATABASE_URL). Each new example is embedded once; known ones are skipped.")
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
    }

    ImportCli(ToolContext tool, PrintStream out) {
        this.tool = tool;
        this.out = out;
    }

    @Override
    public Integer call() throws InterruptedException {
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
        try (ConfigurableApplicationContext context = tool.start(true)) {
            return ImportCommand.run(options, context.getBean(KnowledgeBase.class), out);
        }
    }

    private static void putIfSet(Map<String, String> options, String name, @Nullable String value) {
        if (value != null) {
            options.put(name, value);
        }
    }
}
