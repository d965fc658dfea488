package io.tickettriage.jobs;

import java.util.function.Supplier;

import javax.sql.DataSource;

import io.tickettriage.support.TestDatabases;

class JdbcJobStorePostgresIT extends JdbcJobStoreContract {

    private static final Supplier<DataSource> DATABASE = TestDatabases.onFirstUse(TestDatabases::postgres);

    @Override
    DataSource dataSource() {
        return DATABASE.get();
    }
}
