package io.tickettriage.knowledge;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

import org.springframework.stereotype.Component;

import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps the team knowledge files ({@code <Team>.json}) in step with what was learnt. Every change rewrites a
 * whole file through a temporary file and an atomic rename, under a lock held both in this JVM and on a lock
 * file for other processes, so a reader or a crash never sees half a file. An entry is identified by its
 * {@code ticket_id}: closing twice never writes it twice. A file that cannot be parsed is never overwritten.
 */
@Component
class KnowledgeFileWriter {

    private static final TypeReference<List<Map<String, Object>>> ENTRIES = new TypeReference<>() {
    };
    private static final String LOCK_FILE = ".knowledge.lock";

    private final Path dir;
    private final JsonMapper json;
    private final ReentrantLock lock = new ReentrantLock();

    KnowledgeFileWriter(KnowledgeProperties properties, JsonMapper json) {
        this.dir = properties.dir();
        this.json = json;
    }

    /** Puts a ticket's entry in its team's file, and takes it out of any other team's file. */
    void upsert(long ticketId, String team, Map<String, Object> entry) throws IOException {
        locked(() -> {
            removeEverywhere(ticketId, fileFor(team));
            Path file = fileFor(team);
            List<Map<String, Object>> entries = read(file);
            entries.removeIf(existing -> sameTicket(existing, ticketId));
            entries.add(entry);
            write(file, entries);
        });
    }

    /** Takes a ticket's entry out of every team file. */
    void remove(long ticketId) throws IOException {
        locked(() -> removeEverywhere(ticketId, null));
    }

    /** Writes every given example into its team's file unless an equal entry is there; returns how many were added. */
    int export(List<Example> examples) throws IOException {
        int[] added = {0};
        locked(() -> {
            Map<String, List<Example>> byTeam = new LinkedHashMap<>();
            examples.forEach(example -> byTeam.computeIfAbsent(example.team(), team -> new ArrayList<>()).add(example));
            for (Map.Entry<String, List<Example>> team : byTeam.entrySet()) {
                Path file = fileFor(team.getKey());
                List<Map<String, Object>> entries = read(file);
                int before = entries.size();
                for (Example example : team.getValue()) {
                    boolean present = entries.stream().anyMatch(existing -> example.ticketId() != null
                            ? sameTicket(existing, example.ticketId())
                            : Objects.equals(existing.get("title"), example.title())
                                    && Objects.equals(existing.get("description"), example.description()));
                    if (!present) {
                        entries.add(entry(example));
                    }
                }
                if (entries.size() > before) {
                    write(file, entries);
                    added[0] += entries.size() - before;
                }
            }
        });
        return added[0];
    }

    static Map<String, Object> entry(Example example) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("title", example.title());
        entry.put("description", example.description());
        entry.put("team", example.team());
        if (example.priority() != null) {
            entry.put("priority", example.priority().label());
        }
        if (example.level() != null) {
            entry.put("level", example.level().label());
        }
        if (example.ticketId() != null) {
            entry.put("ticket_id", example.ticketId());
        }
        entry.put("source", example.source());
        return entry;
    }

    /** {@code Hardware Team} is kept in {@code Hardware.json}, as in the original design. */
    Path fileFor(String team) {
        String stem = team.strip().replaceFirst("(?i)\\s+team$", "").replaceAll("[^\\p{L}\\p{N} _.-]", "_");
        if (stem.isBlank() || stem.startsWith(".")) {
            stem = "_" + stem;
        }
        return dir.resolve(stem + ".json");
    }

    private void removeEverywhere(long ticketId, Path except) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
            for (Path file : files) {
                if (file.equals(except)) {
                    continue;
                }
                List<Map<String, Object>> entries = read(file);
                if (entries.removeIf(existing -> sameTicket(existing, ticketId))) {
                    write(file, entries);
                }
            }
        }
    }

    private List<Map<String, Object>> read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return new ArrayList<>();
        }
        try (InputStream in = Files.newInputStream(file)) {
            return new ArrayList<>(json.readValue(in, ENTRIES));
        } catch (JacksonException e) {
            throw new IOException("Knowledge file " + file + " is not a JSON array; leaving it untouched", e);
        }
    }

    private void write(Path file, List<Map<String, Object>> entries) throws IOException {
        Path temp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(json.writer().withDefaultPrettyPrinter().writeValueAsBytes(entries));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static boolean sameTicket(Map<String, Object> entry, long ticketId) {
        Object value = entry.get("ticket_id");
        return value != null && value.toString().equals(String.valueOf(ticketId));
    }

    private interface FileWork {
        void run() throws IOException;
    }

    private void locked(FileWork work) throws IOException {
        Files.createDirectories(dir);
        lock.lock();
        try (FileChannel lockChannel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
                FileLock ignored = lockChannel.lock()) {
            work.run();
        } finally {
            lock.unlock();
        }
    }
}
