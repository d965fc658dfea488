package io.tickettriage.system;

import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Refuses web server settings that cannot work before anything starts, naming the variable an operator sets: a port
 * no server can listen on ({@code SERVER_PORT=99999}), where the web server would fail later with "port out of range"
 * and a stack trace, and a proxy-header mode that does not exist ({@code TRIAGE_FORWARD_HEADERS=bogus}), which
 * Spring would report as "No enum constant ...ForwardHeadersStrategy.bogus". A port that is no number is left to
 * Spring's own report, which names it already.
 */
class ServerSettingsCheck implements EnvironmentPostProcessor, Ordered {

    /** Spring Boot's forward-headers strategies, as docs/configuration.md names them. */
    static final List<String> FORWARD_HEADERS = List.of("native", "framework", "none");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        checkPort(environment.getProperty("server.port"));
        String forwardHeaders = environment.getProperty("server.forward-headers-strategy");
        if (forwardHeaders != null && !FORWARD_HEADERS.contains(forwardHeaders.strip().toLowerCase(Locale.ROOT))) {
            throw new InvalidSettingException("TRIAGE_FORWARD_HEADERS must be native, framework or none, not "
                    + forwardHeaders.strip());
        }
    }

    private static void checkPort(@Nullable String port) {
        if (port == null) {
            return;
        }
        try {
            int value = Integer.parseInt(port.strip());
            if (value < 0 || value > 65_535) {
                throw new InvalidSettingException("SERVER_PORT (server.port) must be between 0 and 65535 (0 picks a "
                        + "free port), not " + port.strip());
            }
        } catch (NumberFormatException e) {
            // Spring's binding reports it, naming the property and its origin
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
