package io.tickettriage.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RoleTests {

    @Test
    void rolesIncludeTheOnesBelowThem() {
        assertThat(Role.ADMIN.includes(Role.AGENT)).isTrue();
        assertThat(Role.AGENT.includes(Role.REQUESTER)).isTrue();
        assertThat(Role.REQUESTER.includes(Role.AGENT)).isFalse();
        assertThat(new Caller("x", Role.REQUESTER).mayRead("x")).isTrue();
        assertThat(new Caller("x", Role.REQUESTER).mayRead(null)).isFalse();
        assertThat(new Caller("y", Role.AGENT).mayRead("x")).isTrue();
    }
}
