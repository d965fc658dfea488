package io.tickettriage.connector;

import java.nio.file.Path;
import java.util.UUID;

import javax.sql.DataSource;

import io.tickettriage.support.TestDatabases;

class ConnectorStoreSqliteTests extends ConnectorStoreContract {

    private static DataSource dataSource;

    @Override
    DataSource dataSource() {
        if (dataSource == null) {
            dataSource = TestDatabases.sqlite(Path.of("target", "connector-store-" + UUID.randomUUID() + ".db"));
        }
        return dataSource;
    }
}
