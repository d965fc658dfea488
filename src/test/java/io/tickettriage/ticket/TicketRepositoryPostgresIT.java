package io.tickettriage.ticket;

import java.util.function.Supplier;

import javax.sql.DataSource;

import io.tickettriage.support.TestDatabases;

class TicketRepositoryPostgresIT extends TicketRepositoryContract {

    private static final Supplier<DataSource> DATABASE = TestDatabases.onFirstUse(TestDatabases::postgres);

    @Override
    DataSource dataSource() {
        return DATABASE.get();
    }
}
