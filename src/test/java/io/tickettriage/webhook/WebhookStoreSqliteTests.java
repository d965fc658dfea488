package io.tickettriage.webhook;

import java.nio.file.Path;
import java.util.function.Supplier;

import javax.sql.DataSource;

import io.tickettriage.support.TestDatabases;

import org.junit.jupiter.api.io.TempDir;

class WebhookStoreSqliteTests extends WebhookStoreContract {

    @TempDir
    static Path folder;

    private static final Supplier<DataSource> DATABASE =
            TestDatabases.onFirstUse(() -> TestDatabases.sqlite(folder.resolve("webhooks.db")));

    @Override
    DataSource dataSource() {
        return DATABASE.get();
    }
}
