package io.tickettriage.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretBoxTests {

    @TempDir
    Path dir;

    @Test
    void sealedSecretsRevealNothingAndOpenWithTheSameKeyOnly() {
        SecretBox box = new SecretBox("key material");
        String sealed = box.seal("whsec_abcdef0123456789");

        assertThat(sealed).startsWith("v1:").doesNotContain("abcdef");
        assertThat(box.seal("whsec_abcdef0123456789")).isNotEqualTo(sealed); // a fresh nonce each time
        assertThat(new SecretBox("key material").open(sealed)).isEqualTo("whsec_abcdef0123456789");
        assertThatThrownBy(() -> new SecretBox("another key").open(sealed)).isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining("abcdef");
        assertThatThrownBy(() -> new SecretBox(null).open(sealed)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void withoutAKeySecretsAreMarkedAsPlainAndStillReadOnceAKeyIsSet() {
        String stored = new SecretBox(null).seal("whsec_plain0123456789");
        assertThat(stored).isEqualTo("plain:whsec_plain0123456789");
        assertThat(new SecretBox("key").open(stored)).isEqualTo("whsec_plain0123456789");
    }

    @Test
    void theKeyFileSitsNextToTheSqliteFileIsCreatedOnceAndReadableByItsOwnerOnly() throws Exception {
        Path file = WebhookConfiguration.keyFile(null, "jdbc:sqlite:" + dir.resolve("tickets.db") + "?journal_mode=WAL");
        assertThat(file).isEqualTo(dir.resolve("tickets.db-webhooks.key"));
        assertThat(WebhookConfiguration.keyFile(null, "jdbc:postgresql://db/x")).isNull();
        assertThat(WebhookConfiguration.keyFile(null, "jdbc:sqlite::memory:")).isNull();

        String key = WebhookConfiguration.readOrCreateKey(file);
        assertThat(WebhookConfiguration.readOrCreateKey(file)).isEqualTo(key);
        assertThat(key).hasSizeGreaterThan(40);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }
}
