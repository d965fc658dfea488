package io.tickettriage.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * There is no Docker engine on the build machines, so the deployment files are checked by reading them: the
 * essentials a broken edit would lose, not every detail.
 */
class DeployFilesTests {

    private static final Path DEPLOY = Path.of("deploy");

    /** One instruction of a Dockerfile: the keyword and its arguments, continuation lines joined. */
    record Instruction(String keyword, String arguments) {
    }

    @Test
    void dockerfileBuildsInStagesAndRunsAsAnUnprivilegedUserWithAHealthCheck() throws IOException {
        List<Instruction> instructions = parse(Files.readString(DEPLOY.resolve("Dockerfile")));
        List<Instruction> froms = instructions.stream().filter(i -> i.keyword().equals("FROM")).toList();
        assertThat(froms).as("build stages").hasSizeGreaterThanOrEqualTo(2);
        assertThat(froms.stream().anyMatch(i -> i.arguments().startsWith("maven:") && i.arguments().contains("AS build")))
                .as("a Maven + JDK build stage").isTrue();

        List<Instruction> runtime = instructions.subList(instructions.lastIndexOf(froms.getLast()), instructions.size());
        assertThat(froms.getLast().arguments()).as("runtime image").matches("eclipse-temurin:(2[1-9]|[3-9]\\d)-jre.*");
        assertThat(runtime).anyMatch(i -> i.keyword().equals("COPY") && i.arguments().startsWith("--from=build")
                && i.arguments().contains("ticket-triage.jar"));
        Instruction user = runtime.stream().filter(i -> i.keyword().equals("USER")).reduce((a, b) -> b).orElseThrow();
        assertThat(user.arguments()).isNotIn("root", "0", "0:0");
        assertThat(runtime).anyMatch(i -> i.keyword().equals("EXPOSE") && i.arguments().equals("8000"));
        assertThat(runtime).anyMatch(i -> i.keyword().equals("HEALTHCHECK")
                && i.arguments().contains("http://localhost:8000/actuator/health"));
        assertThat(runtime).anyMatch(i -> i.keyword().equals("ENV") && i.arguments().contains("ORT_DISABLE_TELEMETRY=1"));
        // the container starts as a laptop does: through the launcher, with the start-up cache made at build time
        assertThat(runtime).anyMatch(i -> i.keyword().equals("COPY") && i.arguments().startsWith("--from=build")
                && i.arguments().contains("target/app/lib/"));
        assertThat(runtime).anyMatch(i -> i.keyword().equals("COPY") && i.arguments().matches(".*\\bticket-triage /app/.*"));
        assertThat(runtime).anyMatch(i -> i.keyword().equals("RUN") && i.arguments().contains("/app/ticket-triage")
                && i.arguments().contains("build"));
        Instruction entrypoint = runtime.stream().filter(i -> i.keyword().equals("ENTRYPOINT")).reduce((a, b) -> b)
                .orElseThrow();
        assertThat(entrypoint.arguments()).startsWith("[\"/app/ticket-triage\"");
        int training = runtime.indexOf(runtime.stream().filter(i -> i.keyword().equals("RUN")
                && i.arguments().contains("/app/ticket-triage")).findFirst().orElseThrow());
        assertThat(runtime.subList(0, training)).as("the cache is made by the user that runs the service")
                .anyMatch(i -> i.keyword().equals("USER") && i.arguments().equals(user.arguments()));
    }

    @Test
    void theLaunchersBuildCheckAndTheImageAgreeOnWhereTheJarIs() throws IOException {
        String launcher = Files.readString(Path.of("ticket-triage"));
        String dockerfile = Files.readString(DEPLOY.resolve("Dockerfile"));
        assertThat(launcher).contains("APP_DIR=\"$HERE/target/app\"");
        assertThat(dockerfile).contains("/app/target/app/ticket-triage.jar").contains("WORKDIR /app");
        assertThat(Files.isExecutable(Path.of("ticket-triage"))).as("ticket-triage is executable").isTrue();
    }

    @Test
    @SuppressWarnings("unchecked")
    void composeRunsApiAndWorkersOnPostgresAndRedisStartedInOrder() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(DEPLOY.resolve("docker-compose.yml")));
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
        assertThat(services).containsKeys("api", "worker", "postgres", "redis");

        for (String name : List.of("api", "worker")) {
            Map<String, Object> service = services.get(name);
            Map<String, Object> environment = (Map<String, Object>) service.get("environment");
            assertThat(environment).as(name)
                    .containsEntry("TRIAGE_ROLE", name)
                    .containsKeys("DATABASE_URL", "REDIS_URL");
            assertThat((String) environment.get("DATABASE_URL")).startsWith("postgresql://").contains("@postgres:5432/");
            assertThat((String) environment.get("REDIS_URL")).startsWith("redis://redis:6379");
            Map<String, Map<String, Object>> dependsOn = (Map<String, Map<String, Object>>) service.get("depends_on");
            assertThat(dependsOn.get("postgres")).containsEntry("condition", "service_healthy");
            assertThat(dependsOn.get("redis")).containsEntry("condition", "service_healthy");
        }
        assertThat((Map<String, Object>) services.get("api").get("build"))
                .containsEntry("dockerfile", "deploy/Dockerfile");
        assertThat((List<String>) services.get("api").get("ports")).contains("8000:8000");
        assertThat(services.get("worker")).as("workers scale with --scale, so they publish no port")
                .doesNotContainKey("ports").doesNotContainKey("container_name");
        assertThat(services.get("postgres")).containsKey("healthcheck").containsKey("volumes");
        assertThat(services.get("redis")).containsKey("healthcheck").containsKey("volumes");
        assertThat((Map<String, Object>) compose.get("volumes")).containsKeys("postgres-data", "redis-data");
        assertThat(Path.of("deploy", ((Map<String, Object>) services.get("api").get("build")).get("context") + "",
                "deploy", "Dockerfile")).exists();
    }

    private static List<Instruction> parse(String dockerfile) {
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : dockerfile.split("\n")) {
            String trimmed = line.strip();
            if (current.isEmpty() && (trimmed.isEmpty() || trimmed.startsWith("#"))) {
                continue;
            }
            if (trimmed.startsWith("#")) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            current.append(trimmed);
            String instruction = current.toString().strip();
            int space = instruction.indexOf(' ');
            instructions.add(new Instruction(instruction.substring(0, space).toUpperCase(Locale.ROOT),
                    instruction.substring(space + 1).strip()));
            current.setLength(0);
        }
        return instructions;
    }
}
