package io.tickettriage.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.tickettriage.support.Api;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The dashboard's API types are generated, offline, from {@code frontend/openapi.json}, a copy of what the
 * application serves at /openapi.json. This test fails when the copy is stale; with
 * {@code -Dopenapi.snapshot=update} it writes the current document there instead.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"triage.auth=none", "DATABASE_URL=sqlite:///target/it-${random.uuid}.db", "triage.knowledge.dir=target/knowledge-${random.uuid}"})
class OpenApiSnapshotIT {

    private static final Path SNAPSHOT = Path.of("frontend", "openapi.json");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Test
    void theDashboardsCopyOfTheApiDescriptionIsCurrent() throws IOException {
        Api api = new Api(port);
        ObjectNode served = (ObjectNode) api.get("/openapi.json").json();
        // the only part that depends on where the application runs
        served.remove("servers");

        if ("update".equals(System.getProperty("openapi.snapshot"))) {
            Files.writeString(SNAPSHOT, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(served) + "\n");
        }
        JsonNode committed = Files.exists(SNAPSHOT) ? JSON.readTree(SNAPSHOT.toFile()) : JSON.nullNode();
        // compared as trees, key order aside; printing both documents would drown the message
        assertThat(committed.equals(served))
                .as("""
                        %s differs from what /openapi.json serves. Refresh it and commit it with the API change:
                          mvn -B -ntp verify -Dfrontend.skip -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
                        -Dit.test=OpenApiSnapshotIT -Dopenapi.snapshot=update
                        then `npm run build` in frontend/ shows where the dashboard must follow the change.""",
                        SNAPSHOT)
                .isTrue();
    }

    @Test
    void describesTheFieldsAsTheyTravel() {
        JsonNode ticket = new Api(port).get("/openapi.json").json().at("/components/schemas/Ticket");
        assertThat(ticket.at("/properties").has("assigned_to")).isTrue();
        assertThat(ticket.at("/properties").has("assignedTo")).isFalse();
        assertThat(JSON.convertValue(ticket.get("required"), String[].class)).contains("id", "confidence", "created_by");
        assertThat(ticket.at("/properties/confidence/type").toString()).as("always a number, 0.0 while pending")
                .doesNotContain("null");
        assertThat(ticket.at("/properties/title/type").toString()).doesNotContain("null");
    }
}
