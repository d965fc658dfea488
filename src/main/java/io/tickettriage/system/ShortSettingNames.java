package io.tickettriage.system;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.OriginTrackedMapPropertySource;
import org.springframework.boot.origin.OriginTrackedValue;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;

/**
 * Every module keeps its settings under one prefix of its own ({@code triage.access.*}, {@code triage.service.*},
 * {@code triage.routing.*}, {@code triage.jobs.*}...), while the settings users set most keep the short names the
 * README documents and the original design used ({@code TRIAGE_AUTH}, {@code REDIS_URL}, {@code TRIAGE_ROLE}...).
 * This maps each short name onto its module's setting: given as an environment variable, a system property, a
 * command-line argument or in a configuration file, under either name; where both are given, the one given in the
 * more specific place wins, as for any setting, and in the same place the long name.
 */
class ShortSettingNames implements EnvironmentPostProcessor, Ordered {

    static final Map<String, String> NAMES = names();

    private static Map<String, String> names() {
        Map<String, String> names = new LinkedHashMap<>();
        names.put("triage.auth", "triage.access.auth");
        names.put("triage.login-link-validity", "triage.access.login-link-validity");
        names.put("triage.session-validity", "triage.access.session-validity");
        names.put("triage.role", "triage.service.role");
        // the first name found wins: an explicit triage.redis.url (a command's "none") over REDIS_URL
        names.put("triage.redis.url", "triage.service.redis-url");
        names.put("REDIS_URL", "triage.service.redis-url");
        names.put("triage.public-url", "triage.service.public-url");
        names.put("triage.rate-limit-per-minute", "triage.service.rate-limit-per-minute");
        names.put("triage.cors-origins", "triage.service.cors-origins");
        names.put("triage.api.max-body-bytes", "triage.service.max-body-bytes");
        names.put("triage.embedding.model", "triage.knowledge.embedding.model");
        names.put("triage.embedding.tokenizer", "triage.knowledge.embedding.tokenizer");
        names.put("triage.embedding.pooling", "triage.knowledge.embedding.pooling");
        // the web server's own settings, under the names docs/configuration.md gives them
        names.put("triage.forward-headers", "server.forward-headers-strategy");
        names.put("triage.http.read-timeout", "server.tomcat.connection-timeout");
        names.put("triage.http.max-connections", "server.tomcat.max-connections");
        for (String routing : new String[] {"confidence-threshold", "min-similarity", "neighbours",
            "min-team-examples", "target-precision", "retrain-interval", "train-models"}) {
            names.put("triage." + routing, "triage.routing." + routing);
        }
        return Collections.unmodifiableMap(names);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        // Each value is placed just before the source that holds its short name, so it ranks as that source
        // does: an environment variable's short name beats a configuration file's long name, and a long name
        // given on the command line beats an environment variable's short name.
        // The value keeps the origin of the short name, so that a setting refused at start-up is reported as the
        // user wrote it (System Environment Property "TRIAGE_TARGET_PRECISION"). The view Spring Boot attaches over
        // all sources is skipped: it holds every name, and would rank every short name above every other source.
        Map<String, Map<String, Object>> bySource = new LinkedHashMap<>();
        NAMES.forEach((shortName, name) -> {
            for (PropertySource<?> source : environment.getPropertySources()) {
                if (ConfigurationPropertySources.isAttachedConfigurationPropertySource(source)) {
                    continue;
                }
                if (source.containsProperty(shortName) || source.containsProperty(name)) {
                    Object value = source.getProperty(shortName);
                    if (value != null && !source.containsProperty(name)) {
                        bySource.computeIfAbsent(source.getName(), any -> new LinkedHashMap<>()).putIfAbsent(name,
                                OriginTrackedValue.of(environment.resolvePlaceholders(value.toString()),
                                        PropertySourceOrigin.get(source, shortName)));
                    }
                    return;
                }
            }
        });
        bySource.forEach((sourceName, mapped) -> environment.getPropertySources().addBefore(sourceName,
                new OriginTrackedMapPropertySource("short setting names of " + sourceName, mapped)));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE - 1;
    }
}
