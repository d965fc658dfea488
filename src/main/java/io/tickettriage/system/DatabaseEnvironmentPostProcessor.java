package io.tickettriage.system;

import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Turns {@code DATABASE_URL} into the data source and the vendor's migration folder, before any bean
 * exists, so that every role of the application (API, worker, command line) uses the same database.
 */
class DatabaseEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    /** The settings this derives from {@code DATABASE_URL}. */
    static final String SOURCE = "databaseUrl";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.containsProperty("spring.datasource.url")) {
            return;
        }
        DatabaseUrl database = DatabaseUrl.parse(environment.getProperty("DATABASE_URL"));
        Map<String, Object> properties = new HashMap<>();
        properties.put("spring.datasource.url", database.jdbcUrl());
        if (database.username() != null) {
            properties.put("spring.datasource.username", database.username());
        }
        if (database.password() != null) {
            properties.put("spring.datasource.password", database.password());
        }
        properties.put("spring.flyway.locations", "classpath:db/migration/" + database.vendor().migrationFolder());
        properties.put("triage.database.vendor", database.vendor().name());
        if (database.vendor() == DatabaseUrl.Vendor.SQLITE) {
            // SQLite has one writer at a time, and its JDBC driver opens the next transaction as soon as one
            // commits; with several connections a commit can then fail on a lock another connection holds. One
            // connection serialises database work in the pool instead of in SQLite's lock, which never fails.
            properties.put("spring.datasource.hikari.maximum-pool-size", "1");
            properties.put("spring.datasource.hikari.exception-override-class-name",
                    SqliteBusyEviction.class.getName());
        }
        if (database.vendor() == DatabaseUrl.Vendor.POSTGRESQL) {
            // While the server is down or restarting, a request waits this long for a connection and then gets a
            // 503 it can retry, rather than hanging for the pool's default of 30 s.
            properties.put("spring.datasource.hikari.connection-timeout", "5000");
        }
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE, properties));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
