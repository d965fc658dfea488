package io.tickettriage.jobs;

import javax.sql.DataSource;

import io.tickettriage.support.TestDatabases;

class JdbcJobStorePostgresIT extends JdbcJobStoreContract {

    private static DataSource dataSource;

    @Override
    DataSource dataSource() {
        if (dataSource == null) {
            dataSource = TestDatabases.postgres();
        }
        return dataSource;
    }
}
