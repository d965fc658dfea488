package io.tickettriage.system;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.util.ClassUtils;

/**
 * Starts the service from the bean definitions the build made ahead of time (Spring AOT, {@code pom.xml} execution
 * {@code process-aot}) when they fit, which takes about a fifth of the start's CPU off: no configuration classes
 * are parsed and no conditions evaluated at start.
 *
 * <p>They fit only the configuration the build made them for, because the build decides every condition once:
 * in-process jobs and events (no {@code REDIS_URL}), a process of role {@code all} or {@code api}, no mailbox and no
 * SMTP server, and Spring's own settings (whose conditions choose Spring's parts) as the jar has them; and, as the
 * tests start it, an SQLite database. Any other
 * configuration starts the ordinary way, which decides them at start, and the log says why; so does a start from
 * the classes folder rather than the jar (a build in progress may have left definitions of older sources there),
 * and {@code TRIAGE_AHEAD_OF_TIME=false}. Each process decides for itself; they all serve the same API either way.
 */
public final class AheadOfTimeStart {

    /** Spring's switch, read when the application context is created. */
    static final String SPRING_AOT = "spring.aot.enabled";
    /** Set by Spring while the build makes the definitions. */
    private static final String SPRING_AOT_PROCESSING = "spring.aot.processing";
    private static final String SWITCH = "triage.ahead-of-time";

    /**
     * The settings the conditions of this service's own beans read, with the values the build decides them with
     * ({@code process-aot} in {@code pom.xml} sets the same); {@code AheadOfTimeStartTests} checks that every
     * condition in the code reads one of them. A value counts as the build's when blank or equal, ignoring case.
     */
    static final Map<String, String> SHAPING_SETTINGS = Map.of(
            "triage.service.redis-url", "",
            "triage.service.role", "all",
            "triage.mail.imap-url", "",
            "triage.mail.smtp-url", "");
    /** Roles that serve with the same beans as {@code all} (a worker adds a filter). */
    private static final Set<String> SAME_AS_ALL = Set.of("all", "api");

    /** Prefixes of Spring's settings; their conditions choose which of Spring's parts exist. */
    private static final List<String> SPRING_PREFIXES = List.of("spring.", "management.", "springdoc.", "server.");
    /** Spring settings that only carry a value, read at start, and are set often (the README's SERVER_PORT). */
    private static final Set<String> PLAIN_SPRING_SETTINGS = Set.of("server.port", "server.address",
            SPRING_AOT, SPRING_AOT_PROCESSING);
    /** Where settings may come from at start; a source not named here (a config file beside the jar) may set anything. */
    private static final Set<String> EXPECTED_SOURCES = Set.of("commandLineArgs", "systemProperties",
            "systemEnvironment", "random");

    private static final Logger log = LoggerFactory.getLogger(AheadOfTimeStart.class);

    private AheadOfTimeStart() {
    }

    /**
     * Lets {@code application} start from the build's definitions if they are in its jar and fit the configuration
     * it is about to start with. Call before {@code run}, in the process's only application.
     */
    public static void offerTo(SpringApplication application, Class<?> mainClass) {
        if (Boolean.getBoolean(SPRING_AOT_PROCESSING) || !fromJar(mainClass)
                || !ClassUtils.isPresent(mainClass.getName() + "__ApplicationContextInitializer",
                        mainClass.getClassLoader())) {
            return;
        }
        application.addListeners((ApplicationListener<ApplicationEnvironmentPreparedEvent>) event -> {
            Optional<String> misfit = misfit(event.getEnvironment(), event.getSpringApplication());
            if (misfit.isEmpty()) {
                System.setProperty(SPRING_AOT, "true");
                log.info("Starting from the bean definitions the build made ahead of time");
            } else {
                System.clearProperty(SPRING_AOT);
                log.info("Starting without the build's bean definitions: {}", misfit.get());
            }
        });
    }

    /** Why the build's definitions do not fit this configuration; empty when they do. */
    static Optional<String> misfit(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getProperty(SWITCH, Boolean.class, true)) {
            return Optional.of("TRIAGE_AHEAD_OF_TIME=false");
        }
        if (application.getWebApplicationType() != WebApplicationType.SERVLET) {
            return Optional.of("not a web server");
        }
        if (environment.getActiveProfiles().length > 0) {
            return Optional.of("profiles are active");
        }
        for (Map.Entry<String, String> setting : SHAPING_SETTINGS.entrySet()) {
            String value = environment.getProperty(setting.getKey(), "").strip().toLowerCase(Locale.ROOT);
            boolean asBuilt = value.isEmpty() || value.equals(setting.getValue())
                    || setting.getKey().equals("triage.service.role") && SAME_AS_ALL.contains(value);
            if (!asBuilt) {
                return Optional.of(setting.getKey() + " is set");
            }
        }
        if (!environment.getProperty("spring.datasource.url", "").startsWith("jdbc:sqlite:")) {
            // nothing the build decides depends on the database, but only SQLite is started this way in the tests
            return Optional.of("DATABASE_URL is not an SQLite file");
        }
        for (PropertySource<?> source : environment.getPropertySources()) {
            Optional<String> reason = misfit(source);
            if (reason.isPresent()) {
                return reason;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> misfit(PropertySource<?> source) {
        String name = source.getName();
        if (name.startsWith("Config resource 'class path resource") || name.startsWith("short setting names of ")
                || name.equals("configurationProperties") || name.startsWith("applicationInfo")
                || name.equals(DatabaseEnvironmentPostProcessor.SOURCE)
                || name.equals("servletConfigInitParams") || name.equals("servletContextInitParams")) {
            return Optional.empty(); // the jar's own configuration, or views of the sources checked here
        }
        if (!EXPECTED_SOURCES.contains(name)) {
            return Optional.of("settings from " + name);
        }
        if (!(source instanceof EnumerablePropertySource<?> enumerable)) {
            return Optional.empty();
        }
        List<String> spring = new ArrayList<>();
        for (String key : enumerable.getPropertyNames()) {
            String property = name.equals("systemEnvironment")
                    ? key.toLowerCase(Locale.ROOT).replace('_', '.') : key;
            if (SPRING_PREFIXES.stream().anyMatch(property::startsWith) && !PLAIN_SPRING_SETTINGS.contains(property)) {
                spring.add(key);
            }
        }
        return spring.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", spring) + " set");
    }

    private static boolean fromJar(Class<?> mainClass) {
        try {
            var location = mainClass.getProtectionDomain().getCodeSource().getLocation();
            return location.getProtocol().equals("jar") || location.getProtocol().equals("file")
                    && Files.isRegularFile(Path.of(location.toURI()));
        } catch (URISyntaxException | RuntimeException e) {
            return false;
        }
    }
}
