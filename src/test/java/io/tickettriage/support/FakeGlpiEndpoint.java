package io.tickettriage.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * Points the application under test at a {@link FakeGlpi} of its own (which accepts {@link FakeGlpi#APP_TOKEN} and
 * {@link FakeGlpi#USER_TOKEN}): {@code @Import} this on a {@code @SpringBootTest} and {@code @Autowired} the
 * {@link FakeGlpi}. The server lives as long as the application context it serves, so a context kept in the test
 * cache never talks to a server that is already closed.
 */
@TestConfiguration(proxyBeanMethods = false)
public class FakeGlpiEndpoint {

    @Bean
    FakeGlpi fakeGlpi() {
        return FakeGlpi.start();
    }

    @Bean
    DynamicPropertyRegistrar fakeGlpiProperties(FakeGlpi glpi) {
        return registry -> registry.add("triage.glpi.url", glpi::url);
    }
}
