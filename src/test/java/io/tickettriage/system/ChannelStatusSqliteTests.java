package io.tickettriage.system;

import java.nio.file.Path;
import java.util.UUID;

import javax.sql.DataSource;

import io.tickettriage.support.TestDatabases;

class ChannelStatusSqliteTests extends ChannelStatusContract {

    private static DataSource dataSource;

    @Override
    DataSource dataSource() {
        if (dataSource == null) {
            dataSource = TestDatabases.sqlite(Path.of("target", "channel-status-" + UUID.randomUUID() + ".db"));
        }
        return dataSource;
    }
}
