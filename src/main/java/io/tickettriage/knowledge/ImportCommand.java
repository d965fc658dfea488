package io.tickettriage.knowledge;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code import}: loads a labelled history into the product's database (the same {@code DATABASE_URL}), embedding
 * each new example once. A running service picks the examples up by itself; importing the same file twice adds
 * nothing.
 */
public final class ImportCommand {

    private ImportCommand() {
    }

    /**
     * Imports what {@code options} names ({@code csv} with {@code text}, {@code label} and optionally {@code
     * priority} and {@code level}; or {@code json}), already checked by the {@code cli} module.
     */
    public static int run(Map<String, String> options, KnowledgeBase knowledge, PrintStream out)
            throws InterruptedException {
        if (!knowledge.awaitReady(java.time.Duration.ofMinutes(10))) {
            out.println("import failed: the knowledge base did not load");
            return 1;
        }
        long start = System.nanoTime();
        try {
            KnowledgeBase.ImportResult result;
            if (options.containsKey("csv")) {
                Path csv = Path.of(options.get("csv"));
                LabelledCsv.Rows rows = LabelledCsv.read(csv,
                        Arrays.stream(options.get("text").split(",")).map(String::strip).toList(),
                        options.get("label"), options.get("priority"), options.get("level"));
                out.printf(Locale.ROOT, "%s: %,d labelled rows (%d without a label skipped)%n", csv,
                        rows.rows().size(), rows.skipped());
                result = knowledge.importExamples(rows.rows(), "import", progress(out, rows.rows().size()));
            } else {
                List<Path> files = jsonFiles(Path.of(options.get("json")));
                out.printf(Locale.ROOT, "%d team file(s)%n", files.size());
                result = knowledge.importFiles(files, progress(out, -1));
            }
            out.printf(Locale.ROOT, "imported %,d new examples (%,d already known) in %.1f s; the knowledge base "
                    + "now holds %,d%n", result.added(), result.alreadyKnown(), (System.nanoTime() - start) / 1e9,
                    knowledge.size());
            return 0;
        } catch (IOException | IllegalArgumentException e) {
            out.println("import failed: " + e.getMessage());
            return 1;
        }
    }

    private static java.util.function.IntConsumer progress(PrintStream out, int total) {
        long start = System.nanoTime();
        return added -> {
            if (added % 1_000 == 0) {
                out.printf(Locale.ROOT, "  %,d embedded and stored%s (%.0f per second)%n", added,
                        total > 0 ? " of at most " + String.format(Locale.ROOT, "%,d", total) : "",
                        added / ((System.nanoTime() - start) / 1e9));
            }
        };
    }

    private static List<Path> jsonFiles(Path path) throws IOException {
        if (!Files.isDirectory(path)) {
            if (!Files.isRegularFile(path)) {
                throw new IOException(path + " does not exist");
            }
            return List.of(path);
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(path, "*.json")) {
            stream.forEach(files::add);
        }
        files.sort(null);
        return files;
    }
}
