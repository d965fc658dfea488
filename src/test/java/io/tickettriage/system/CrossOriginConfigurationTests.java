package io.tickettriage.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

@ExtendWith(OutputCaptureExtension.class)
class CrossOriginConfigurationTests {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(ServiceProperties.class)
    static class Settings {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(Settings.class, CrossOriginConfiguration.class);

    @Test
    void allowsTheOriginalDashboardsOriginByDefault() {
        context.run(app -> assertThat(app.getBean(AllowedOrigins.class).origins())
                .containsExactly("http://localhost:3000"));
    }

    @Test
    void readsTheOldLiveEventsSettingWithAWarningWhileTheNewOneIsUnset(CapturedOutput output) {
        context.withPropertyValues("triage.realtime.allowed-origins=https://a.example.com,https://b.example.com")
                .run(app -> assertThat(app.getBean(AllowedOrigins.class).origins())
                        .containsExactly("https://a.example.com", "https://b.example.com"));
        assertThat(output).contains("TRIAGE_REALTIME_ALLOWED_ORIGINS is deprecated");
    }

    @Test
    void ignoresTheOldSettingWithAWarningWhenTheNewOneIsSet(CapturedOutput output) {
        context.withPropertyValues("triage.realtime.allowed-origins=*", "triage.service.cors-origins=https://a.example.com")
                .run(app -> assertThat(app.getBean(AllowedOrigins.class).origins())
                        .containsExactly("https://a.example.com"));
        assertThat(output).contains("TRIAGE_REALTIME_ALLOWED_ORIGINS is ignored");
    }

    @Test
    void allowsTheAddressUsersReachTheServiceAtBehindAProxy() {
        context.withPropertyValues("triage.service.cors-origins=", "triage.service.public-url=https://triage.example.com/app/")
                .run(app -> assertThat(app.getBean(AllowedOrigins.class).allowsCredentialsFrom(
                        "https://triage.example.com")).isTrue());
    }
}
