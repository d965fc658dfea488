package io.tickettriage.connector.zammad;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * Points the application under test at a {@link FakeZammad} of its own, which accepts the test's
 * {@code triage.zammad.token}: {@code @Import} this on a {@code @SpringBootTest} and {@code @Autowired} the
 * {@link FakeZammad}. The server lives as long as the application context it serves, so a context kept in the test
 * cache never talks to a server that is already closed.
 */
@TestConfiguration(proxyBeanMethods = false)
public class FakeZammadEndpoint {

    @Bean
    FakeZammad fakeZammad(Environment environment) {
        return new FakeZammad(environment.getRequiredProperty("triage.zammad.token"));
    }

    @Bean
    DynamicPropertyRegistrar fakeZammadProperties(FakeZammad zammad) {
        return registry -> registry.add("triage.zammad.url", zammad::url);
    }
}
