package io.tickettriage.connector;

import java.nio.file.Path;
import java.util.UUID;
import java.util.function.Supplier;

import javax.sql.DataSource;

import io.tickettriage.support.TestDatabases;

class ConnectorStoreSqliteTests extends ConnectorStoreContract {

    private static final Supplier<DataSource> DATABASE = TestDatabases.onFirstUse(
            () -> TestDatabases.sqlite(Path.of("target", "connector-store-" + UUID.randomUUID() + ".db")));

    @Override
    DataSource dataSource() {
        return DATABASE.get();
    }
}
