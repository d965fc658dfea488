package io.tickettriage.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A new SQLite database is created by the baseline script (B17) instead of the V scripts up to its version, then
 * takes the newer V scripts; both ways must give the same tables, indexes, triggers and rows, and a database made
 * before the baseline existed keeps taking V scripts.
 */
class SchemaBaselineTests {

    private static final String FOLDER = "db/migration/sqlite/";

    @TempDir
    Path dir;

    @Test
    void aNewDatabaseIsCreatedByTheBaselineWithTheSchemaTheVersionedScriptsMake() throws IOException {
        DataSource fromBaseline = database("baseline.db");
        DataSource fromScripts = database("scripts.db");

        MigrateResult baseline = flyway(fromBaseline, "classpath:" + FOLDER).load().migrate();
        MigrateResult scripts = flyway(fromScripts, "filesystem:" + versionedScriptsOnly()).load().migrate();

        JdbcTemplate history = new JdbcTemplate(fromBaseline);
        int baselineVersion = Integer.parseInt(history.queryForObject(
                "SELECT version FROM flyway_schema_history WHERE type = 'SQL_BASELINE' AND success = 1", String.class));
        // V scripts newer than the baseline apply after it, as they do on a database made before it
        assertThat(history.queryForList("SELECT version FROM flyway_schema_history WHERE type = 'SQL' AND success = 1",
                String.class))
                .as("the new database was made by the baseline, not by the V scripts it replaces")
                .allSatisfy(version -> assertThat(Integer.parseInt(version)).isGreaterThan(baselineVersion));
        assertThat(scripts.migrationsExecuted).isGreaterThan(1);
        assertThat(baseline.targetSchemaVersion).isEqualTo(scripts.targetSchemaVersion);
        assertThat(schema(fromBaseline)).isNotEmpty().isEqualTo(schema(fromScripts));
        assertThat(rows(fromBaseline)).isEqualTo(rows(fromScripts));
    }

    @Test
    void aDatabaseMadeBeforeTheBaselineIsMigratedByTheVersionedScripts() throws IOException {
        DataSource existing = database("existing.db");
        flyway(existing, "filesystem:" + versionedScriptsOnly()).target("10").load().migrate();
        DataSource fromScripts = database("scripts.db");
        flyway(fromScripts, "filesystem:" + versionedScriptsOnly()).load().migrate();

        MigrateResult upgrade = flyway(existing, "classpath:" + FOLDER).load().migrate();

        assertThat(upgrade.migrations).isNotEmpty()
                .allSatisfy(migration -> assertThat(migration.type).isEqualTo("SQL"));
        assertThat(schema(existing)).isEqualTo(schema(fromScripts));
    }

    /** A new SQLite file opened the way the product opens it (DATABASE_URL's settings), not yet migrated. */
    private DataSource database(String name) {
        return new DriverManagerDataSource(DatabaseUrl.parse("sqlite:///" + dir.resolve(name)).jdbcUrl());
    }

    private static FluentConfiguration flyway(DataSource dataSource, String location) {
        return Flyway.configure().dataSource(dataSource).locations(location);
    }

    /** The V scripts alone, copied into a folder, as Flyway saw them before the baseline existed. */
    private Path versionedScriptsOnly() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("versioned"));
        for (Resource script : new PathMatchingResourcePatternResolver().getResources("classpath:" + FOLDER + "V*.sql")) {
            try (InputStream in = script.getInputStream()) {
                Files.copy(in, folder.resolve(script.getFilename()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return folder;
    }

    /** Every table, index, trigger and view with its SQL, Flyway's own table left out. */
    private static List<Map<String, Object>> schema(DataSource dataSource) {
        return new JdbcTemplate(dataSource).queryForList("""
                SELECT type, name, tbl_name, sql FROM sqlite_master
                WHERE name NOT LIKE 'flyway%' ORDER BY type, name""");
    }

    /** The rows of every table but Flyway's own: the rows the scripts insert. */
    private static List<Object> rows(DataSource dataSource) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        List<Object> rows = new ArrayList<>();
        for (String table : jdbc.queryForList("""
                SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'flyway%'
                AND name <> 'sqlite_sequence' ORDER BY name""", String.class)) {
            rows.add(table);
            rows.addAll(jdbc.queryForList("SELECT * FROM \"" + table + "\" ORDER BY rowid"));
        }
        return rows;
    }
}
