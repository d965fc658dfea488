package io.tickettriage.assignment;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AssignmentProperties.class)
class AssignmentConfiguration {
}
