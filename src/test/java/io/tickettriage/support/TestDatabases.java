package io.tickettriage.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import javax.sql.DataSource;

import io.tickettriage.system.DatabaseUrl;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Real databases for tests: an SQLite file, and an embedded PostgreSQL server (real binaries from Maven, no
 * Docker) shared by the test JVM, each migrated by the product's own Flyway scripts.
 */
public final class TestDatabases {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    private TestDatabases() {
    }

    public static DataSource sqlite(Path file) {
        DatabaseUrl url = DatabaseUrl.parse("sqlite:///" + file);
        DriverManagerDataSource dataSource = new DriverManagerDataSource(url.jdbcUrl());
        migrate(dataSource, url.vendor());
        return dataSource;
    }

    /**
     * One database for a test class's tests: made by {@code create} on first use, so a class that does not run starts
     * no server, and kept for the class's other tests.
     */
    public static Supplier<DataSource> onFirstUse(Supplier<DataSource> create) {
        return new Supplier<>() {
            private DataSource made;

            @Override
            public synchronized DataSource get() {
                if (made == null) {
                    made = create.get();
                }
                return made;
            }
        };
    }

    /** A new, empty, migrated PostgreSQL database on the shared embedded server. */
    public static synchronized DataSource postgres() {
        String name = "test_" + DATABASES.incrementAndGet();
        try (Connection connection = server().getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        DataSource dataSource = server().getDatabase("postgres", name);
        migrate(dataSource, DatabaseUrl.Vendor.POSTGRESQL);
        return dataSource;
    }

    /** A DATABASE_URL, in the original design's form, naming a new database on the embedded server. */
    public static synchronized String postgresUrl() {
        String name = "app_" + DATABASES.incrementAndGet();
        try (Connection connection = server().getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return "postgresql://postgres:postgres@localhost:" + server().getPort() + "/" + name;
    }

    private static synchronized EmbeddedPostgres server() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("Embedded PostgreSQL did not start", e);
            }
        }
        return postgres;
    }

    private static void migrate(DataSource dataSource, DatabaseUrl.Vendor vendor) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration/" + vendor.migrationFolder())
                .load()
                .migrate();
    }
}
