package io.tickettriage.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.tickettriage.TriageApplication;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.core.type.MethodMetadata;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.SimpleMetadataReaderFactory;

/**
 * When a start may use the bean definitions the build made: only with the configuration they were made for, and
 * every condition of the service's own beans reads a setting that decision looks at.
 */
class AheadOfTimeStartTests {

    private static final String SQLITE = "jdbc:sqlite:./tickets.db";

    @Test
    void theDefaultConfigurationAndPlainSettingsFit() {
        assertThat(misfit(Map.of())).isEmpty();
        assertThat(misfit(Map.of("SERVER_PORT", "9000", "TRIAGE_AUTH", "none", "TRIAGE_ROLE", "api",
                "OPENAI_API_KEY", "sk-1", "TRIAGE_ZAMMAD_URL", "http://zammad"))).isEmpty();
        assertThat(misfit(Map.of("REDIS_URL", "  ", "TRIAGE_ROLE", "ALL"))).as("blank and case").isEmpty();
    }

    @Test
    void settingsThatShapeTheBeansOrSpringsPartsStartTheOrdinaryWay() {
        assertThat(misfit(Map.of("REDIS_URL", "redis://localhost:6379"))).contains("triage.service.redis-url is set");
        assertThat(misfit(Map.of("TRIAGE_ROLE", "worker"))).contains("triage.service.role is set");
        assertThat(misfit(Map.of("TRIAGE_MAIL_IMAP_URL", "imap://u:p@mail"))).contains("triage.mail.imap-url is set");
        assertThat(misfit(Map.of("TRIAGE_MAIL_SMTP_URL", "smtp://mail"))).contains("triage.mail.smtp-url is set");
        assertThat(misfit(Map.of("MANAGEMENT_ENDPOINTS_WEB_EXPOSURE_INCLUDE", "*")))
                .contains("MANAGEMENT_ENDPOINTS_WEB_EXPOSURE_INCLUDE set");
        assertThat(misfit(Map.of("SPRING_FLYWAY_ENABLED", "false"))).contains("SPRING_FLYWAY_ENABLED set");
        assertThat(misfit(Map.of("TRIAGE_AHEAD_OF_TIME", "false"))).contains("TRIAGE_AHEAD_OF_TIME=false");
    }

    @Test
    void otherSourcesProfilesDatabasesAndNonWebStartsDoNotFit() {
        StandardEnvironment environment = environment(Map.of());
        environment.getPropertySources().addFirst(new MapPropertySource(
                "Config resource 'file [config/application.yml]' via location 'optional:file:./config/'", Map.of()));
        assertThat(AheadOfTimeStart.misfit(environment, web())).get().asString().startsWith("settings from Config");

        StandardEnvironment profiled = environment(Map.of());
        profiled.setActiveProfiles("dev");
        assertThat(AheadOfTimeStart.misfit(profiled, web())).contains("profiles are active");

        StandardEnvironment postgres = environment(Map.of());
        postgres.getPropertySources().addFirst(new MapPropertySource(DatabaseEnvironmentPostProcessor.SOURCE,
                Map.of("spring.datasource.url", "jdbc:postgresql://db/tickets")));
        assertThat(AheadOfTimeStart.misfit(postgres, web())).contains("DATABASE_URL is not an SQLite file");

        SpringApplication tool = web();
        tool.setWebApplicationType(WebApplicationType.NONE);
        assertThat(AheadOfTimeStart.misfit(environment(Map.of()), tool)).contains("not a web server");
    }

    /** A new condition on a setting the decision does not look at would start a misfitting context silently. */
    @Test
    void everyConditionOfTheServicesBeansReadsASettingTheDecisionLooksAt() throws IOException {
        List<String> conditions = new ArrayList<>();
        SimpleMetadataReaderFactory readers = new SimpleMetadataReaderFactory();
        for (Resource resource : new PathMatchingResourcePatternResolver()
                .getResources("classpath*:io/tickettriage/**/*.class")) {
            if (resource.getFilename() != null && resource.getFilename().contains("__")) {
                continue; // the definitions the build made
            }
            MetadataReader reader = readers.getMetadataReader(resource);
            AnnotationMetadata type = reader.getAnnotationMetadata();
            collect(type.getClassName(), type, conditions);
            for (MethodMetadata method : type.getDeclaredMethods()) {
                collect(type.getClassName() + "." + method.getMethodName(), method, conditions);
            }
        }
        assertThat(conditions).as("conditions found").hasSizeGreaterThanOrEqualTo(9);
        Pattern placeholder = Pattern.compile("\\$\\{([^:}]+)");
        for (String condition : conditions) {
            Matcher settings = placeholder.matcher(condition);
            assertThat(settings.find()).as(condition).isTrue();
            do {
                assertThat(AheadOfTimeStart.SHAPING_SETTINGS).as(condition).containsKey(settings.group(1));
            } while (settings.find());
        }
    }

    private static void collect(String where, AnnotatedTypeMetadata element, List<String> conditions) {
        element.getAnnotations().stream()
                .filter(annotation -> annotation.isDirectlyPresent()
                        && annotation.getType().getSimpleName().startsWith("Conditional"))
                .forEach(annotation -> {
                    String type = annotation.getType().getName();
                    if (type.equals(ConditionalOnExpression.class.getName())) {
                        conditions.add(where + ": " + annotation.getString("value"));
                    } else if (!type.equals(ConditionalOnWebApplication.class.getName())) {
                        conditions.add(where + ": @" + annotation.getType().getSimpleName() + " (not decided by a"
                                + " setting the start looks at)");
                    }
                });
    }

    private static Optional<String> misfit(Map<String, String> variables) {
        return AheadOfTimeStart.misfit(environment(variables), web());
    }

    /** The environment as Spring prepares it: variables, the jar's configuration, the short names mapped. */
    private static StandardEnvironment environment(Map<String, String> variables) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().addLast(new MapPropertySource(
                StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME, new LinkedHashMap<>()));
        environment.getPropertySources().addLast(new org.springframework.core.env.SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new LinkedHashMap<>(variables)));
        environment.getPropertySources().addLast(new MapPropertySource(
                "Config resource 'class path resource [application.yml]' via location 'optional:classpath:/'",
                Map.of("spring.application.name", "ticket-triage")));
        environment.getPropertySources().addLast(new MapPropertySource(DatabaseEnvironmentPostProcessor.SOURCE,
                Map.of("spring.datasource.url", SQLITE)));
        new ShortSettingNames().postProcessEnvironment(environment, web());
        return environment;
    }

    private static SpringApplication web() {
        SpringApplication application = new SpringApplication(TriageApplication.class);
        application.setWebApplicationType(WebApplicationType.SERVLET);
        return application;
    }
}
