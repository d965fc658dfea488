package io.tickettriage.knowledge;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;

/**
 * Reads a labelled ticket history from a CSV file with a header row: which columns hold the text and which
 * the labels is the caller's choice. Badly encoded bytes become U+FFFD rather than failing the file; rows
 * without a label are skipped and counted.
 */
public final class LabelledCsv {

    /** A history row: the first text column is the title, the others, joined by spaces, the description. */
    public record Row(String title, String description, String label, @Nullable String priority,
            @Nullable String level) {

        public String text() {
            return TicketText.of(title, description);
        }
    }

    /** The rows read and how many were skipped for having no label. */
    public record Rows(List<Row> rows, int skipped) {
    }

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
            .setIgnoreSurroundingSpaces(false).setAllowMissingColumnNames(true).get();

    /** Titles longer than this continue in the description, so evidence lists stay readable. */
    static final int TITLE_CHARS = 200;

    private LabelledCsv() {
    }

    public static Rows read(Path file, List<String> textColumns, String labelColumn, @Nullable String priorityColumn,
            @Nullable String levelColumn) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString(), textColumns, labelColumn, priorityColumn, levelColumn);
        }
    }

    static Rows read(InputStream in, String name, List<String> textColumns, String labelColumn,
            @Nullable String priorityColumn, @Nullable String levelColumn) throws IOException {
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE));
        try (CSVParser parser = CSVParser.parse(reader, FORMAT)) {
            Map<String, Integer> header = normalisedHeader(parser.getHeaderMap());
            List<Integer> text = new ArrayList<>();
            for (String column : textColumns) {
                text.add(column(header, column, name));
            }
            int label = column(header, labelColumn, name);
            Integer priority = priorityColumn == null ? null : column(header, priorityColumn, name);
            Integer level = levelColumn == null ? null : column(header, levelColumn, name);
            List<Row> rows = new ArrayList<>();
            int skipped = 0;
            for (CSVRecord record : parser) {
                String labelValue = value(record, label);
                if (labelValue.isBlank()) {
                    skipped++;
                    continue;
                }
                List<String> parts = new ArrayList<>();
                for (int column : text) {
                    parts.add(value(record, column));
                }
                rows.add(row(parts, labelValue.strip(), priority == null ? null : value(record, priority),
                        level == null ? null : value(record, level)));
            }
            return new Rows(rows, skipped);
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            throw new IOException(name + " is not a readable CSV file: " + e.getMessage(), e);
        }
    }

    /**
     * The values of {@code column} for the rows {@link #read} keeps (those with a label in {@code labelColumn}), in
     * the same order: a column beside the text, such as the language a test ticket is written in.
     */
    public static List<String> values(Path file, String labelColumn, String column) throws IOException {
        try (InputStream in = Files.newInputStream(file);
                CSVParser parser = CSVParser.parse(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPLACE)
                        .onUnmappableCharacter(CodingErrorAction.REPLACE)), FORMAT)) {
            Map<String, Integer> header = normalisedHeader(parser.getHeaderMap());
            int label = column(header, labelColumn, file.toString());
            int wanted = column(header, column, file.toString());
            List<String> values = new ArrayList<>();
            for (CSVRecord record : parser) {
                if (!value(record, label).isBlank()) {
                    values.add(value(record, wanted).strip());
                }
            }
            return values;
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            throw new IOException(file + " is not a readable CSV file: " + e.getMessage(), e);
        }
    }

    private static Row row(List<String> parts, String label, @Nullable String priority, @Nullable String level) {
        String title = parts.getFirst().strip();
        String description = String.join(" ", parts.subList(1, parts.size())).strip();
        if (title.length() > TITLE_CHARS) {
            int cut = title.lastIndexOf(' ', TITLE_CHARS);
            cut = cut > TITLE_CHARS / 2 ? cut : TITLE_CHARS;
            description = (title.substring(cut) + " " + description).strip();
            title = title.substring(0, cut).strip();
        }
        return new Row(title, description, label, blankToNull(priority), blankToNull(level));
    }

    private static Map<String, Integer> normalisedHeader(Map<String, Integer> header) {
        Map<String, Integer> normal = new java.util.LinkedHashMap<>(); // the file's order, for messages
        header.forEach((name, index) -> normal.put(name.replace("\uFEFF", "").strip(), index));
        return normal;
    }

    private static int column(Map<String, Integer> header, String column, String name) throws IOException {
        Integer index = header.get(column.strip());
        if (index == null) {
            throw new IOException(name + " has no column \"" + column + "\"; its columns are " + header.keySet());
        }
        return index;
    }

    private static String value(CSVRecord record, int column) {
        return column < record.size() ? record.get(column).replace('\u0000', ' ') : "";
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
