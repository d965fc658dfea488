package io.tickettriage.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * Points the application under test at a {@link FakeOpenAi} of its own: {@code @Import} this on a
 * {@code @SpringBootTest} and {@code @Autowired} the {@link FakeOpenAi} to script its answers and read its calls.
 * The server lives as long as the application context it serves, so a context kept in the test cache never talks
 * to a server that is already closed.
 */
@TestConfiguration(proxyBeanMethods = false)
public class FakeOpenAiEndpoint {

    @Bean
    FakeOpenAi fakeOpenAi() {
        return FakeOpenAi.start();
    }

    @Bean
    DynamicPropertyRegistrar fakeOpenAiProperties(FakeOpenAi llm) {
        return registry -> {
            registry.add("OPENAI_BASE_URL", llm::baseUrl);
            registry.add("OPENAI_API_KEY", () -> "sk-test");
        };
    }
}
