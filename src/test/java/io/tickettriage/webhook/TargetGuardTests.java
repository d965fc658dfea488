package io.tickettriage.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TargetGuardTests {

    private final TargetGuard guard = new TargetGuard(false);

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.8.9.10", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1",
        "169.254.169.254", "0.0.0.0", "100.64.0.1", "224.0.0.1", "255.255.255.255", "::1", "::", "fe80::1",
        "fd00::1", "fc12::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:169.254.169.254"})
    void refusesLoopbackLinkLocalAndPrivateAddresses(String address) throws Exception {
        assertThat(TargetGuard.isPublic(InetAddress.getByName(address))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "93.184.216.34", "172.32.0.1", "100.128.0.1", "2606:4700:4700::1111"})
    void acceptsPublicAddresses(String address) throws Exception {
        assertThat(TargetGuard.isPublic(InetAddress.getByName(address))).isTrue();
    }

    @Test
    void refusesAUrlWhoseHostIsPrivateUnlessAllowed() throws Exception {
        URI metadata = guard.parse("http://169.254.169.254/latest/meta-data");
        assertThatThrownBy(() -> guard.checkAddress(metadata)).isInstanceOf(TargetGuard.Refused.class)
                .hasMessageContaining("TRIAGE_WEBHOOKS_ALLOW_PRIVATE");
        assertThatThrownBy(() -> guard.checkAddress(guard.parse("http://localhost:8000/tokens")))
                .isInstanceOf(TargetGuard.Refused.class);
        assertThatThrownBy(() -> guard.checkAddress(guard.parse("https://[::1]/x")))
                .isInstanceOf(TargetGuard.Refused.class);
        assertThatCode(() -> new TargetGuard(true).checkAddress(metadata)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://example.org/x", "file:///etc/passwd", "gopher://example.org", "example.org/x",
        "http:///x", "http://user:pass@example.org/x", "http://exa mple.org/"})
    void refusesWhatIsNotAPlainHttpUrl(String url) {
        assertThatThrownBy(() -> guard.parse(url)).isInstanceOf(TargetGuard.Refused.class);
    }

    @Test
    void acceptsHttpAndHttpsUrls() throws Exception {
        assertThat(guard.parse("https://hooks.example.org/triage?x=1").getHost()).isEqualTo("hooks.example.org");
        assertThat(guard.parse("HTTP://example.org:8080/").getPort()).isEqualTo(8080);
    }
}
