package io.tickettriage.system;

import java.util.List;

import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;

import org.springdoc.core.customizers.PropertyCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The OpenAPI description behind /docs, /redoc and /openapi.json; everything is served from the jar. */
@Configuration(proxyBeanMethods = false)
class ApiDocsConfiguration {

    /** {@link MaxCharacters} is documented as {@code maxLength}, as {@code @Size(max)} would be. */
    @Bean
    PropertyCustomizer maxCharactersAsMaxLength() {
        return (schema, type) -> {
            if (type.getCtxAnnotations() != null) {
                for (java.lang.annotation.Annotation annotation : type.getCtxAnnotations()) {
                    if (annotation instanceof MaxCharacters max) {
                        schema.setMaxLength(max.value());
                    }
                }
            }
            return schema;
        };
    }

    @Bean
    OpenAPI ticketTriageApi() {
        return new OpenAPI().info(new Info()
                        .title("Ticket Triage API")
                        .version("1")
                        .description("Create IT support tickets and let the triage engine route them to a team, "
                                + "a priority and a support tier. Errors are application/problem+json. Every call "
                                + "needs an API token (Authorization: Bearer) or a dashboard session, unless the "
                                + "service runs with TRIAGE_AUTH=none.")
                        .license(new License().name("Apache-2.0")))
                .components(new Components().addSecuritySchemes("token", new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .description("An API token: ./ticket-triage token create --role agent")))
                .addSecurityItem(new SecurityRequirement().addList("token"))
                // relative: the server list would otherwise be built from the request's Host header, which any
                // client sets
                .servers(List.of(new Server().url("/")));
    }

    @RestController
    @Hidden
    static class ReDocPage {

        private static final String PAGE = """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <title>Ticket Triage API - ReDoc</title>
                  <meta name="viewport" content="width=device-width, initial-scale=1">
                </head>
                <body>
                  <redoc spec-url="/openapi.json"></redoc>
                  <script src="/redoc/redoc.standalone.js"></script>
                </body>
                </html>
                """;

        @GetMapping(path = "/redoc", produces = MediaType.TEXT_HTML_VALUE)
        String redoc() {
            return PAGE;
        }
    }
}
