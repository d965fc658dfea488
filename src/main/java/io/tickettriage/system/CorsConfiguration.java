package io.tickettriage.system;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Cross-origin calls are refused unless origins are listed in {@code TRIAGE_CORS_ORIGINS}. */
@Configuration(proxyBeanMethods = false)
class CorsConfiguration implements WebMvcConfigurer {

    private final ClientProperties properties;

    CorsConfiguration(ClientProperties properties) {
        this.properties = properties;
    }

    @Override
    public void addCorsMappings(CorsRegistry registry) {
        if (!properties.corsOrigins().isEmpty()) {
            registry.addMapping("/**")
                    .allowedOrigins(properties.corsOrigins().stream().map(String::strip).toArray(String[]::new))
                    .allowedMethods("GET", "POST", "PATCH", "DELETE")
                    .maxAge(3600);
        }
    }
}
