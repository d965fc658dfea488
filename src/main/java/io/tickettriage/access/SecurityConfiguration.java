package io.tickettriage.access;

import java.util.List;

import io.tickettriage.system.ProblemWriter;

import jakarta.servlet.DispatcherType;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderNotFoundException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.ExceptionTranslationFilter;
import org.springframework.security.web.csrf.CsrfFilter;


/**
 * The web security rules: who may call what. Each module declares its own endpoints' rules beside its controllers
 * ({@link EndpointAccess}); this class applies them. Roles include the ones below them, so {@code hasRole("AGENT")}
 * admits admins too. Whatever no module declares needs an agent: a new endpoint is closed by default.
 *
 * <p>Security headers and CORS stay with the system module's filters; Spring Security's own are switched off
 * so that there is one place for each. Sessions are the product's own (a hashed secret in the database, in an
 * HttpOnly cookie), so every instance behind a load balancer recognises them.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class SecurityConfiguration {

    /**
     * The framework's own endpoints, which no module's controller serves: health for load balancers, the API
     * documentation, Spring's error page; the other actuator endpoints are for admins.
     */
    static final String[] PUBLIC = {"/actuator/health", "/actuator/health/**", "/docs", "/docs/**",
        "/swagger-ui/**", "/swagger-ui.html", "/v3/api-docs/**", "/openapi.json", "/openapi.json/**", "/redoc",
        "/redoc/**", "/error"};

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, AccessProperties properties, AccessTokens tokens,
            ProblemWriter problemWriter, List<EndpointAccess> modules) throws Exception {
        AccessProblems problems = new AccessProblems(problemWriter);
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
                .authorizeHttpRequests(requests -> {
                    // the dispatch that ends an event stream (completed, or its client gone) belongs to a request
                    // that was authorised when it began; refusing it only logged an error per closed stream
                    requests.dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                            .requestMatchers(HttpMethod.OPTIONS, "/**").permitAll()
                            .requestMatchers(PUBLIC).permitAll()
                            .requestMatchers("/actuator/**").hasRole(Role.ADMIN.name());
                    EndpointAccess.Rules rules = new DeclaredRules(requests);
                    modules.forEach(module -> module.declare(rules));
                    // the rest of the API works on every ticket, or shows the engine's inner workings
                    requests.anyRequest().hasRole(Role.AGENT.name());
                });
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

    /** Applies each module's declarations, in the order they are made. */
    private record DeclaredRules(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests)
            implements EndpointAccess.Rules {

        @Override
        public EndpointAccess.Rules open(String... patterns) {
            requests.requestMatchers(patterns).permitAll();
            return this;
        }

        @Override
        public EndpointAccess.Rules allow(Role role, String... patterns) {
            requests.requestMatchers(patterns).hasRole(role.name());
            return this;
        }

        @Override
        public EndpointAccess.Rules allow(Role role, HttpMethod method, String... patterns) {
            requests.requestMatchers(method, patterns).hasRole(role.name());
            return this;
        }
    }

    /** There are no passwords; this also keeps Spring Boot from creating a default user with a printed one. */
    @Bean
    AuthenticationManager noPasswordLogins() {
        return authentication -> {
            throw new ProviderNotFoundException("this service has no password logins; use a token");
        };
    }
}
