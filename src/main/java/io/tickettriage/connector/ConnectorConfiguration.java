package io.tickettriage.connector;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** The shared settings; each connector's configuration, in its sub-package, provides its {@link HelpdeskConnector}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConnectorsProperties.class)
class ConnectorConfiguration {
}
