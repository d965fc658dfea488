package io.tickettriage.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class AllowedOriginsTests {

    @Test
    void allowsCredentialsFromListedOriginsOnly() {
        AllowedOrigins origins = new AllowedOrigins(List.of("http://localhost:3000", " https://*.example.com "));

        assertThat(origins.allowsCredentialsFrom("http://localhost:3000")).isTrue();
        assertThat(origins.allowsCredentialsFrom("https://helpdesk.example.com")).isTrue();
        assertThat(origins.allows("https://evil.example.net")).isFalse();
        assertThat(origins.allows("http://localhost:3001")).isFalse();
        assertThat(origins.allows(null)).isFalse();
    }

    @Test
    void admitsAnyOriginWithAStarButNeverWithCredentials() {
        AllowedOrigins origins = new AllowedOrigins(List.of("*", "http://localhost:3000"));

        assertThat(origins.allows("https://anywhere.example.org")).isTrue();
        assertThat(origins.allowsCredentialsFrom("https://anywhere.example.org")).isFalse();
        assertThat(origins.corsFor("https://anywhere.example.org").getAllowCredentials()).isFalse();
        assertThat(origins.corsFor("http://localhost:3000").getAllowCredentials()).isTrue();
    }

    @Test
    void refusesEveryOtherOriginWhenTheListIsEmpty() {
        AllowedOrigins origins = new AllowedOrigins(List.of(""));

        assertThat(origins.origins()).isEmpty();
        assertThat(origins.allows("http://localhost:3000")).isFalse();
        assertThat(origins.corsFor("http://localhost:3000").checkOrigin("http://localhost:3000")).isNull();
    }
}
