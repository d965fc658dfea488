package io.tickettriage.jobs;

import java.nio.file.Path;

import javax.sql.DataSource;

import io.tickettriage.support.TestDatabases;

import org.junit.jupiter.api.io.TempDir;

class JdbcJobStoreSqliteTests extends JdbcJobStoreContract {

    @TempDir
    static Path folder;

    private static DataSource dataSource;

    @Override
    DataSource dataSource() {
        if (dataSource == null) {
            dataSource = TestDatabases.sqlite(folder.resolve("jobs.db"));
        }
        return dataSource;
    }
}
