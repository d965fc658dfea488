package io.tickettriage.system;

import javax.sql.DataSource;

import io.tickettriage.support.TestDatabases;

class ChannelStatusPostgresIT extends ChannelStatusContract {

    private static DataSource dataSource;

    @Override
    DataSource dataSource() {
        if (dataSource == null) {
            dataSource = TestDatabases.postgres();
        }
        return dataSource;
    }
}
