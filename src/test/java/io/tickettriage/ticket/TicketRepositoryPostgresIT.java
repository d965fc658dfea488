package io.tickettriage.ticket;

import javax.sql.DataSource;

import io.tickettriage.support.TestDatabases;

class TicketRepositoryPostgresIT extends TicketRepositoryContract {

    private static DataSource dataSource;

    @Override
    DataSource dataSource() {
        if (dataSource == null) {
            dataSource = TestDatabases.postgres();
        }
        return dataSource;
    }
}
