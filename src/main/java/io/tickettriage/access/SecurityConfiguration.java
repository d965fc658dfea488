package io.tickettriage.access;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderNotFoundException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.ExceptionTranslationFilter;
import org.springframework.security.web.csrf.CsrfFilter;

import tools.jackson.databind.json.JsonMapper;

/**
 * The web security rules: who may call what. Roles include the ones below them, so {@code hasRole("AGENT")}
 * admits admins too. Whatever is not listed needs a logged-in caller: a new endpoint is closed by default.
 *
 * <p>Security headers and CORS stay with the system module's filters; Spring Security's own are switched off
 * so that there is one place for each. Sessions are the product's own (a hashed secret in the database, in an
 * HttpOnly cookie), so every instance behind a load balancer recognises them.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class SecurityConfiguration {

    static final String[] PUBLIC = {"/actuator/health", "/actuator/health/**", "/docs", "/docs/**",
        "/swagger-ui/**", "/swagger-ui.html", "/v3/api-docs/**", "/openapi.json", "/openapi.json/**", "/redoc",
        "/redoc/**", "/", "/index.html", "/assets/**", "/favicon.ico", "/favicon.svg", "/ticket/*", "/analytics",
        "/admin/webhooks", "/login", "/auth/session", "/auth/logout", "/error",
        // Socket.IO authenticates each connection itself: a token may come in the handshake's auth payload,
        // which is not part of the HTTP request
        "/socket.io/", "/socket.io/**"};

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, AccessProperties properties, AccessTokens tokens,
            JsonMapper json) throws Exception {
        AccessProblems problems = new AccessProblems(json);
        http.headers(headers -> headers.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems));
        if (!properties.enabled()) {
            http.csrf(csrf -> csrf.disable())
                    .anonymous(anonymous -> anonymous.principal(Caller.DEMO).authorities(Caller.DEMO.authorities()))
                    .authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
            return http.build();
        }
        http.csrf(csrf -> csrf.spa().requireCsrfProtectionMatcher(CallerCredentials::needsCsrfCheck))
                .addFilterAfter(new CsrfCookieFilter(), CsrfFilter.class)
                .addFilterBefore(new CallerCredentials(tokens), ExceptionTranslationFilter.class)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.OPTIONS, "/**").permitAll()
                        .requestMatchers(PUBLIC).permitAll()
                        .requestMatchers("/tokens", "/tokens/**", "/webhooks", "/webhooks/**", "/actuator/**")
                        .hasRole("ADMIN")
                        .requestMatchers(HttpMethod.POST, "/teams", "/knowledge/**").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.POST, "/tickets").hasRole("REQUESTER")
                        .requestMatchers(HttpMethod.GET, "/tickets", "/tickets/*", "/tickets/*/comments")
                        .hasRole("REQUESTER")
                        .requestMatchers(HttpMethod.POST, "/tickets/*/comments").hasRole("REQUESTER")
                        // team names label the dashboard's board for requesters too
                        .requestMatchers(HttpMethod.GET, "/events", "/auth/me", "/teams").hasRole("REQUESTER")
                        // the rest of the API works on every ticket, or shows the engine's inner workings
                        .anyRequest().hasRole("AGENT"));
        return http.build();
    }

    /**
     * No observation (timer, span) per security filter and per authorisation decision: at 2,000 requests a second
     * they took a sixth of the request threads' processor time (JFR, bench/README.md) and nobody reads them; the
     * request itself is still measured as {@code http.server.requests}.
     */
    @Bean
    SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /** There are no passwords; this also keeps Spring Boot from creating a default user with a printed one. */
    @Bean
    AuthenticationManager noPasswordLogins() {
        return authentication -> {
            throw new ProviderNotFoundException("this service has no password logins; use a token");
        };
    }
}
