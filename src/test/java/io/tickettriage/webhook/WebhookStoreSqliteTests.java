package io.tickettriage.webhook;

import java.nio.file.Path;

import javax.sql.DataSource;

import io.tickettriage.support.TestDatabases;

import org.junit.jupiter.api.io.TempDir;

class WebhookStoreSqliteTests extends WebhookStoreContract {

    @TempDir
    static Path folder;

    private static DataSource dataSource;

    @Override
    DataSource dataSource() {
        if (dataSource == null) {
            dataSource = TestDatabases.sqlite(folder.resolve("webhooks.db"));
        }
        return dataSource;
    }
}
