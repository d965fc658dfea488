package io.tickettriage.connector;

import javax.sql.DataSource;

import io.tickettriage.support.TestDatabases;

class ConnectorStorePostgresIT extends ConnectorStoreContract {

    private static DataSource dataSource;

    @Override
    DataSource dataSource() {
        if (dataSource == null) {
            dataSource = TestDatabases.postgres();
        }
        return dataSource;
    }
}
