package io.tickettriage.system;

import java.sql.SQLException;

import com.zaxxer.hikari.SQLExceptionOverride;

/**
 * Replaces the pooled SQLite connection after it failed to get the database's lock. The SQLite driver marks a
 * connection as inside a transaction before its {@code BEGIN} succeeds; when the {@code BEGIN} finds the database
 * locked by another process, the connection is left believing it is in a transaction that does not exist. Its next
 * transaction would then run each statement as its own commit and fail at the end, so a ticket could be stored
 * while its client is told it was not. A fresh connection has no such state. Connections are cheap to open, and
 * the lock is rarely busy, so replacing one each time costs nothing noticeable.
 *
 * <p>Public, with a public constructor, because the pool creates it by class name.
 */
public final class SqliteBusyEviction implements SQLExceptionOverride {

    @java.lang.Override
    public Override adjudicate(SQLException e) {
        return e.getSQLState() == null && DatabaseFailures.isTransient(e) ? Override.MUST_EVICT
                : Override.CONTINUE_EVICT;
    }
}
