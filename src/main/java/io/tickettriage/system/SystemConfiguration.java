package io.tickettriage.system;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import tools.jackson.databind.JacksonModule;

@Configuration(proxyBeanMethods = false)
class SystemConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Texts in request bodies lose any NUL character, which PostgreSQL cannot store. */
    @Bean
    JacksonModule nulFreeText() {
        return NulFreeText.module();
    }
}
