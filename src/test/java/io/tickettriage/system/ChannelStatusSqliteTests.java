package io.tickettriage.system;

import java.nio.file.Path;
import java.util.UUID;
import java.util.function.Supplier;

import javax.sql.DataSource;

import io.tickettriage.support.TestDatabases;

class ChannelStatusSqliteTests extends ChannelStatusContract {

    private static final Supplier<DataSource> DATABASE = TestDatabases.onFirstUse(
            () -> TestDatabases.sqlite(Path.of("target", "channel-status-" + UUID.randomUUID() + ".db")));

    @Override
    DataSource dataSource() {
        return DATABASE.get();
    }
}
