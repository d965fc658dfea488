package io.tickettriage.system;

import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

/**
 * A start that fails because the database of {@code DATABASE_URL} cannot be opened (a PostgreSQL server that is
 * not running or refuses the login, a database that does not exist, an SQLite file in a folder that does not exist
 * or may not be written, a file that is not a database) is reported as that, with the URL (password hidden) and
 * what to check, instead of the chain of beans that needed the database.
 */
class DatabaseFailureAnalyzer extends AbstractFailureAnalyzer<SQLException> {

    /** SQLite's result codes for a file it cannot use, as its driver words them. */
    private static final List<String> SQLITE_FILE_ERRORS = List.of("SQLITE_CANTOPEN", "SQLITE_READONLY",
            "SQLITE_PERM", "SQLITE_NOTADB", "SQLITE_AUTH");

    private final Environment environment;

    DatabaseFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    protected @Nullable FailureAnalysis analyze(Throwable rootFailure, SQLException cause) {
        String state = cause.getSQLState() == null ? "" : cause.getSQLState();
        String message = String.valueOf(cause.getMessage());
        boolean unreachable = state.startsWith("08") || state.startsWith("28") || state.equals("3D000");
        boolean sqliteFile = SQLITE_FILE_ERRORS.stream().anyMatch(message::contains);
        if (!unreachable && !sqliteFile) {
            return null;
        }
        String url = environment.getProperty("spring.datasource.url", "");
        String description = "The database could not be opened: " + message.strip() + "\n\n    DATABASE_URL: "
                + DatabaseUrl.redact(environment.getProperty("DATABASE_URL", DatabaseUrl.DEFAULT)) + "\n    JDBC URL: "
                + DatabaseUrl.redact(url);
        String action = url.toLowerCase(Locale.ROOT).startsWith("jdbc:sqlite:")
                ? "Check that the folder of the SQLite file exists and that this user may write in it (the file is "
                        + "created at the first start), and that the file, if it exists, is a Ticket Triage database."
                : "Check that the PostgreSQL server is running and accepts connections from this machine, and that "
                        + "the user, password and database in DATABASE_URL are right (the database must exist; its "
                        + "tables are created at the first start).";
        return new FailureAnalysis(description, action, cause);
    }
}
