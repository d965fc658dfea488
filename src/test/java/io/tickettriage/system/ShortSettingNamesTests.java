package io.tickettriage.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.origin.OriginLookup;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class ShortSettingNamesTests {

    private final ShortSettingNames names = new ShortSettingNames();

    @Test
    void anEnvironmentVariableWithTheShortNameSetsTheModulesSetting() {
        StandardEnvironment environment = environment(Map.of("TRIAGE_AUTH", "none", "REDIS_URL", "redis://r:6379",
                "TRIAGE_EMBEDDING_MODEL", "/models/e5.onnx", "TRIAGE_EMBEDDING_POOLING", "cls"), Map.of());
        names.postProcessEnvironment(environment, null);

        assertThat(environment.getProperty("triage.access.auth")).isEqualTo("none");
        assertThat(environment.getProperty("triage.knowledge.embedding.model")).isEqualTo("/models/e5.onnx");
        assertThat(environment.getProperty("triage.knowledge.embedding.pooling")).isEqualTo("cls");
        assertThat(environment.getProperty("triage.service.redis-url")).isEqualTo("redis://r:6379");
        assertThat(environment.getProperty("triage.routing.target-precision")).isNull();
    }

    @Test
    void theMoreSpecificPlaceWinsAndInOnePlaceTheLongName() {
        StandardEnvironment environment = environment(Map.of("TRIAGE_TARGET_PRECISION", "0.8",
                "TRIAGE_ROUTING_NEIGHBOURS", "9", "TRIAGE_NEIGHBOURS", "3"),
                Map.of("triage.routing.target-precision", "0.95", "triage.neighbours", "5"));
        names.postProcessEnvironment(environment, null);

        // the environment variable beats the configuration file, whichever name either uses
        assertThat(environment.getProperty("triage.routing.target-precision")).isEqualTo("0.8");
        // within the environment, the long name beats the short one
        assertThat(environment.getProperty("triage.routing.neighbours")).isEqualTo("9");
    }

    @Test
    void withSpringBootsAttachedViewTheMoreSpecificPlaceStillWinsAndTheValueSaysWhereItWasSet() {
        StandardEnvironment environment = environment(Map.of("TRIAGE_ROUTING_TARGET_PRECISION", "0.8",
                "TRIAGE_NEIGHBOURS", "3"), Map.of("triage.target-precision", "0.95"));
        ConfigurationPropertySources.attach(environment);
        names.postProcessEnvironment(environment, null);

        // the long name in the environment beats the short name in the configuration file
        assertThat(environment.getProperty("triage.routing.target-precision")).isEqualTo("0.8");
        PropertySource<?> mapped = environment.getPropertySources().stream()
                .filter(source -> source.containsProperty("triage.routing.neighbours")
                        && !ConfigurationPropertySources.isAttachedConfigurationPropertySource(source))
                .findFirst().orElseThrow();
        assertThat(mapped.getName()).isEqualTo("short setting names of systemEnvironment");
        // the origin of the short name (a running service's environment names the variable itself, see
        // ConfigurationValidationIT)
        assertThat(String.valueOf(OriginLookup.getOrigin(mapped, "triage.routing.neighbours")))
                .isEqualTo("\"triage.neighbours\" from property source \"systemEnvironment\"");
    }

    @Test
    void anExplicitRedisSettingBeatsRedisUrl() {
        StandardEnvironment environment = environment(Map.of("REDIS_URL", "redis://r:6379"), Map.of());
        environment.getPropertySources().addFirst(new MapPropertySource("commandLineArgs",
                Map.of("triage.redis.url", "")));
        names.postProcessEnvironment(environment, null);

        assertThat(environment.getProperty("triage.service.redis-url")).isEmpty();
    }

    private static StandardEnvironment environment(Map<String, Object> variables, Map<String, Object> file) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().addLast(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
        environment.getPropertySources().addLast(new MapPropertySource("application.yml", file));
        return environment;
    }
}
