package io.tickettriage.system;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Refuses a port no server can listen on ({@code SERVER_PORT=99999}) before anything starts, with the setting's name,
 * where the web server would fail later with "port out of range" and a stack trace. A value that is no number is left
 * to Spring's own report, which names it already.
 */
class ServerPortCheck implements EnvironmentPostProcessor, Ordered {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String port = environment.getProperty("server.port");
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
