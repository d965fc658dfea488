package io.tickettriage.webhook;

import javax.sql.DataSource;

import io.tickettriage.support.TestDatabases;

class WebhookStorePostgresIT extends WebhookStoreContract {

    private static DataSource dataSource;

    @Override
    DataSource dataSource() {
        if (dataSource == null) {
            dataSource = TestDatabases.postgres();
        }
        return dataSource;
    }
}
