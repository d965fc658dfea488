package io.tickettriage.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseUrlTests {

    @Test
    void defaultsToSqliteFileInWorkingDirectoryWithWal() {
        DatabaseUrl url = DatabaseUrl.parse(null);
        assertThat(url.vendor()).isEqualTo(DatabaseUrl.Vendor.SQLITE);
        assertThat(url.jdbcUrl()).startsWith("jdbc:sqlite:./tickets.db?").contains("journal_mode=WAL")
                .contains("busy_timeout=");
    }

    @Test
    void readsTheOriginalDesignsSqliteForms() {
        assertThat(DatabaseUrl.parse("sqlite:///./data/t.db").jdbcUrl()).startsWith("jdbc:sqlite:./data/t.db?");
        assertThat(DatabaseUrl.parse("sqlite:////var/lib/triage/t.db").jdbcUrl())
                .startsWith("jdbc:sqlite:/var/lib/triage/t.db?");
    }

    @Test
    void letsOptionsInTheUrlOverrideTheSqliteDefaults() {
        String url = DatabaseUrl.parse("sqlite:///./t.db?busy_timeout=2000").jdbcUrl();
        assertThat(url).startsWith("jdbc:sqlite:./t.db?journal_mode=WAL").endsWith("&busy_timeout=2000");
        assertThat(url.indexOf("busy_timeout=10000")).isLessThan(url.indexOf("busy_timeout=2000"));
    }

    @Test
    void turnsPostgresUrlIntoJdbcUrlWithCredentials() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://triage:s%40cret@db.local:6543/tickets?sslmode=require");
        assertThat(url.vendor()).isEqualTo(DatabaseUrl.Vendor.POSTGRESQL);
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.local:6543/tickets?sslmode=require");
        assertThat(url.username()).isEqualTo("triage");
        assertThat(url.password()).isEqualTo("s@cret");
    }

    @Test
    void acceptsPostgresSchemeAliasAndDefaultPort() {
        assertThat(DatabaseUrl.parse("postgres://u:p@h/db").jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/db");
    }

    @Test
    void passesJdbcUrlsThrough() {
        DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://h:5432/db?user=u");
        assertThat(url.vendor()).isEqualTo(DatabaseUrl.Vendor.POSTGRESQL);
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/db?user=u");
        assertThat(DatabaseUrl.parse("jdbc:sqlite:/tmp/x.db").vendor()).isEqualTo(DatabaseUrl.Vendor.SQLITE);
    }

    @Test
    void refusesUnknownSchemesWithoutEchoingThePassword() {
        assertThatThrownBy(() -> DatabaseUrl.parse("mysql://root:hunter2@h/db"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DATABASE_URL")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void redactsPasswordsInToString() {
        assertThat(DatabaseUrl.parse("postgresql://u:hunter2@h/db").toString()).doesNotContain("hunter2");
        assertThat(DatabaseUrl.redact("postgresql://u:hunter2@h/db")).isEqualTo("postgresql://u:***@h/db");
    }
}
