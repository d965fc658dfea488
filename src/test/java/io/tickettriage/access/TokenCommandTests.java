package io.tickettriage.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class TokenCommandTests {

    @Test
    void parsesEachAction() {
        assertThat(TokenCommand.parse(List.of("create", "--role", "agent", "--name", "bot")).options())
                .containsEntry("role", "agent").containsEntry("name", "bot");
        assertThat(TokenCommand.parse(List.of("list")).action()).isEqualTo("list");
        assertThat(TokenCommand.parse(List.of("revoke", "7")).options()).containsEntry("id", "7");
        assertThat(TokenCommand.parse(List.of("login-link")).options()).isEmpty();
    }

    @Test
    void refusesWhatItCannotDoWithAReason() {
        assertThatThrownBy(() -> TokenCommand.parse(List.of())).hasMessageContaining("missing action");
        assertThatThrownBy(() -> TokenCommand.parse(List.of("create"))).hasMessageContaining("missing --role");
        assertThatThrownBy(() -> TokenCommand.parse(List.of("create", "--role", "root")))
                .hasMessageContaining("unknown role 'root'");
        assertThatThrownBy(() -> TokenCommand.parse(List.of("create", "--role"))).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> TokenCommand.parse(List.of("revoke", "abc"))).hasMessageContaining("token's id");
        assertThatThrownBy(() -> TokenCommand.parse(List.of("list", "--all"))).hasMessageContaining("unexpected");
    }

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
