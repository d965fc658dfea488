package io.tickettriage.ticket;

import java.nio.file.Path;

import javax.sql.DataSource;

import io.tickettriage.support.TestDatabases;

import org.junit.jupiter.api.io.TempDir;

class TicketRepositorySqliteTests extends TicketRepositoryContract {

    @TempDir
    static Path folder;

    private static DataSource dataSource;

    @Override
    DataSource dataSource() {
        if (dataSource == null) {
            dataSource = TestDatabases.sqlite(folder.resolve("tickets.db"));
        }
        return dataSource;
    }
}
