package io.tickettriage.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.mock.env.MockEnvironment;

class DatabaseFailureAnalyzerTests {

    private final MockEnvironment environment = new MockEnvironment();

    @Test
    void aServerThatRefusesOrAMissingDatabaseIsReportedWithTheUrlAndWhatToCheck() {
        environment.withProperty("DATABASE_URL", "postgresql://triage:s3cret@db.example:5432/triage")
                .withProperty("spring.datasource.url", "jdbc:postgresql://db.example:5432/triage");
        for (String state : new String[] {"08001", "28P01", "3D000"}) {
            FailureAnalysis analysis = analyze(new SQLException("it did not work", state));

            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription()).startsWith("The database could not be opened: it did not work")
                    .contains("DATABASE_URL: postgresql://triage:***@db.example:5432/triage",
                            "JDBC URL: jdbc:postgresql://db.example:5432/triage")
                    .doesNotContain("s3cret");
            assertThat(analysis.getAction()).contains("PostgreSQL server is running");
        }
    }

    @Test
    void anSqliteFileThatCannotBeUsedIsReportedWithWhatToCheck() {
        environment.withProperty("spring.datasource.url", "jdbc:sqlite:/nowhere/tickets.db");
        FailureAnalysis analysis = analyze(new SQLException("[SQLITE_CANTOPEN] Unable to open the database file"));

        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).contains("DATABASE_URL: sqlite:///./tickets.db",
                "JDBC URL: jdbc:sqlite:/nowhere/tickets.db");
        assertThat(analysis.getAction()).contains("folder of the SQLite file exists");
    }

    @Test
    void otherDatabaseErrorsAreLeftToTheDefaultReport() {
        environment.withProperty("spring.datasource.url", "jdbc:postgresql://db.example:5432/triage");
        assertThat(analyze(new SQLException("relation \"tickets\" does not exist", "42P01"))).isNull();
        assertThat(analyze(new SQLException("no state"))).isNull();
    }

    private FailureAnalysis analyze(SQLException cause) {
        return new DatabaseFailureAnalyzer(environment).analyze(new IllegalStateException("a bean failed", cause));
    }
}
