package io.tickettriage.system;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Cross-origin rules for every path, the API's and the live events' ({@code /socket.io/}, {@code /events}), from
 * one list of origins. A servlet filter ahead of the security rules, so that a refusal such as a 401 still
 * carries the CORS headers a browser needs to let the page of an allowed origin read it.
 */
@Configuration(proxyBeanMethods = false)
class CrossOriginConfiguration {

    /** The setting live events had of their own before one list served all; read while it is still set. */
    static final String DEPRECATED = "triage.realtime.allowed-origins";

    private static final Logger log = LoggerFactory.getLogger(CrossOriginConfiguration.class);

    @Bean
    AllowedOrigins allowedOrigins(ServiceProperties properties, Environment environment) {
        List<String> origins = new ArrayList<>(configured(properties, environment));
        // Behind a TLS-terminating proxy the dashboard's own calls look cross-origin here (https outside, http
        // inside): the address users reach the service at is its own origin, allowed like a listed one.
        String publicUrl = properties.publicUrl();
        if (publicUrl != null && !publicUrl.isBlank()) {
            origins.add(UriComponentsBuilder.fromUriString(publicUrl.strip()).replacePath(null).replaceQuery(null)
                    .fragment(null).build().toUriString());
        }
        return new AllowedOrigins(origins);
    }

    private static List<String> configured(ServiceProperties properties, Environment environment) {
        String old = environment.getProperty(DEPRECATED);
        if (old == null) {
            return properties.corsOrigins();
        }
        if (environment.containsProperty("triage.service.cors-origins")) {
            log.warn("TRIAGE_REALTIME_ALLOWED_ORIGINS is ignored: TRIAGE_CORS_ORIGINS, which is set, lists the "
                    + "allowed origins for the API and live events alike. Remove TRIAGE_REALTIME_ALLOWED_ORIGINS.");
            return properties.corsOrigins();
        }
        log.warn("TRIAGE_REALTIME_ALLOWED_ORIGINS is deprecated and now applies to the API too; rename it to "
                + "TRIAGE_CORS_ORIGINS, the one list of allowed origins for the API and live events.");
        return List.of(old.split(","));
    }

    @Bean
    FilterRegistrationBean<CrossOriginFilter> crossOriginFilter(AllowedOrigins origins) {
        FilterRegistrationBean<CrossOriginFilter> registration = new FilterRegistrationBean<>(
                new CrossOriginFilter(origins));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }
}
