package io.tickettriage.access;

import java.time.Duration;

import io.tickettriage.system.ServiceProperties;
import io.tickettriage.system.StartupNote;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;

/**
 * What the log says about access at start: a loud warning in demo mode; and while no API token exists, a
 * one-time login link for an admin, so that the first run leads straight into the dashboard.
 */
@Configuration(proxyBeanMethods = false)
class FirstStart {

    private static final Logger log = LoggerFactory.getLogger("io.tickettriage");

    private final AccessProperties properties;
    private final AccessTokens tokens;
    private final Environment environment;
    private final ServiceProperties service;

    FirstStart(AccessProperties properties, ServiceProperties service, AccessTokens tokens, Environment environment) {
        this.service = service;
        this.properties = properties;
        this.tokens = tokens;
        this.environment = environment;
    }

    @Bean
    StartupNote accessNote() {
        return () -> properties.enabled()
                ? "Access control: on (API tokens and dashboard logins; create tokens with 'token create --role agent')"
                : "Access control: OFF (TRIAGE_AUTH=none): anyone who can reach this port is an admin";
    }

    @EventListener
    void ready(ApplicationReadyEvent event) {
        String port = environment.getProperty("local.server.port");
        if (port == null) {
            return; // a command such as 'import' or 'token', not the service
        }
        if (!properties.enabled()) {
            log.warn("""

                    ******************************************************************************
                    *  ACCESS CONTROL IS OFF (TRIAGE_AUTH=none). This is the demo mode:          *
                    *  anyone who can reach port {} can read, change and delete every ticket,  *
                    *  settings and knowledge. Never expose it beyond your own machine.           *
                    *  Remove TRIAGE_AUTH=none to require tokens and dashboard logins.            *
                    ******************************************************************************""", port);
            return;
        }
        int forgotten = tokens.forgetExpired();
        if (forgotten > 0) {
            log.debug("Forgot {} expired sessions and login codes", forgotten);
        }
        if (!tokens.anyApiToken()) {
            String code = tokens.issueLoginCode("admin", Role.ADMIN);
            log.info("""

                    No API token exists yet. Log in to the dashboard as admin with this one-time link
                    (valid for {}, works once):

                        {}

                    Create API tokens with: ./ticket-triage token create --role agent --name <name>""",
                    readable(properties.loginLinkValidity()), AccessProperties.loginLink(service, port, code));
        }
    }

    /** {@code 24 hours}, {@code 90 minutes} or {@code 45 seconds} rather than ISO-8601's {@code PT24H}. */
    static String readable(Duration duration) {
        if (duration.toSecondsPart() == 0 && duration.toMinutesPart() == 0) {
            return duration.toHours() + (duration.toHours() == 1 ? " hour" : " hours");
        }
        if (duration.toSecondsPart() == 0) {
            return duration.toMinutes() + " minutes";
        }
        return duration.toSeconds() + " seconds";
    }

}
