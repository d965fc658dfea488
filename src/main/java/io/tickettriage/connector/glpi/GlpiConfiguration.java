package io.tickettriage.connector.glpi;

import java.time.Clock;

import io.tickettriage.connector.ConnectorSetup;
import io.tickettriage.connector.HelpdeskConnector;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import tools.jackson.databind.json.JsonMapper;

/** The GLPI connector when {@code TRIAGE_GLPI_URL} is set, else its disabled stand-in. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GlpiProperties.class)
class GlpiConfiguration {

    @Bean
    HelpdeskConnector glpiConnector(GlpiProperties properties, JsonMapper json, Clock clock) {
        if (!properties.enabled()) {
            return HelpdeskConnector.disabled(GlpiConnector.NAME, "TRIAGE_GLPI_URL is not set");
        }
        ConnectorSetup setup = setup(properties);
        String userToken = setup.required("USER_TOKEN", properties.userToken(),
                "the connector needs the API token of the GLPI user it acts as");
        GlpiClient client = new GlpiClient(GlpiClient.apiBase(setup.url().toString()),
                properties.appToken() == null ? "" : properties.appToken().strip(), userToken, properties.timeout(),
                properties.readAttempts(), clock, Thread::sleep);
        return new GlpiConnector(setup, properties, new GlpiApi(client, json), json);
    }

    static ConnectorSetup setup(GlpiProperties properties) {
        return ConnectorSetup.check(GlpiConnector.NAME, properties, "TRIAGE_GLPI_USER_TOKEN and TRIAGE_GLPI_APP_TOKEN "
                + "(--user-token and --app-token for the import command)");
    }
}
