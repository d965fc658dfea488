package io.tickettriage.system;

import java.sql.SQLException;
import java.sql.SQLTransientException;

/** Tells a database that is busy or away for a while from a statement that is wrong, across both vendors. */
final class DatabaseFailures {

    /** SQLite's result codes for "another connection holds the lock" (SQLITE_BUSY, SQLITE_LOCKED). */
    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_LOCKED = 6;

    private DatabaseFailures() {
    }

    /**
     * Whether {@code failure} comes from a lock wait that ran out or a lost connection, judged by the driver's own
     * error: SQLite reports a busy database with its result code and no SQL state; PostgreSQL's connection failures
     * have SQL state class 08, a lock that could not be had 55P03, and a server shutting down or starting 57P01 and
     * 57P03.
     */
    static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientException) {
                return true;
            }
            if (cause instanceof SQLException sql) {
                String state = sql.getSQLState();
                int code = sql.getErrorCode() & 0xff; // SQLite's extended codes carry the primary code in the low byte
                if (state == null && (code == SQLITE_BUSY || code == SQLITE_LOCKED)) {
                    return true;
                }
                if (state != null && (state.startsWith("08") || state.equals("55P03") || state.equals("57P01")
                        || state.equals("57P03"))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The innermost message, which names the database's own reason, without the SQL statement around it. */
    static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
