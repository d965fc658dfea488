package io.tickettriage.connector.zammad;

import java.time.Clock;
import java.util.List;

import io.tickettriage.connector.ConnectorSetup;
import io.tickettriage.connector.HelpdeskConnector;
import io.tickettriage.connector.HelpdeskHttp;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Zammad connector when {@code TRIAGE_ZAMMAD_URL} is set, its disabled stand-in otherwise. The settings are
 * checked at start, so that a missing token or a wrong mode stops the start with its reason.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ZammadProperties.class)
class ZammadConfiguration {

    @Bean
    HelpdeskConnector zammadConnector(ZammadProperties properties, Clock clock) {
        if (!properties.enabled()) {
            return HelpdeskConnector.disabled(ZammadConnector.NAME, "TRIAGE_ZAMMAD_URL is not set");
        }
        ConnectorSetup setup = ConnectorSetup.check(ZammadConnector.NAME, properties,
                "TRIAGE_ZAMMAD_TOKEN (--token for the import command)");
        String token = setup.required("TOKEN", properties.token(), "the connector needs a Zammad API token");
        HelpdeskHttp http = new HelpdeskHttp("Zammad", setup.url(),
                HelpdeskHttp.Settings.standard(properties.timeout()), ZammadJson::errorText, List.of(token), clock);
        return new ZammadConnector(setup, token, properties, http);
    }
}
