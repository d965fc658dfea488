package io.tickettriage.jobs;

import java.nio.file.Path;
import java.util.function.Supplier;

import javax.sql.DataSource;

import io.tickettriage.support.TestDatabases;

import org.junit.jupiter.api.io.TempDir;

class JdbcJobStoreSqliteTests extends JdbcJobStoreContract {

    @TempDir
    static Path folder;

    private static final Supplier<DataSource> DATABASE =
            TestDatabases.onFirstUse(() -> TestDatabases.sqlite(folder.resolve("jobs.db")));

    @Override
    DataSource dataSource() {
        return DATABASE.get();
    }
}
