package io.tickettriage.webhook;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * Keeps subscription secrets unreadable to someone who reads only the database (a backup, a replica, an SQL
 * injection elsewhere): each secret is encrypted with AES-256-GCM under a key that lives outside it, in a setting or
 * a file. A secret has to be recovered to sign with it, so a one-way hash, as for API tokens, cannot do.
 *
 * <p>Without a key (PostgreSQL and no key configured) secrets are stored as they are, marked as such, so that setting
 * a key later still reads them.
 */
final class SecretBox {

    private static final String ENCRYPTED = "v1:";
    private static final String PLAIN = "plain:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final @Nullable SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    /** @param keyMaterial any string; its SHA-256 digest is the AES key. Null: no encryption */
    SecretBox(@Nullable String keyMaterial) {
        this.key = keyMaterial == null ? null : new SecretKeySpec(sha256(keyMaterial), "AES");
    }

    boolean encrypts() {
        return key != null;
    }

    String seal(String secret) {
        if (key == null) {
            return PLAIN + secret;
        }
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return ENCRYPTED + Base64.getEncoder().encodeToString(
                    ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot encrypt a webhook secret", e);
        }
    }

    /** The secret; fails when it was sealed under another key than this process has. */
    String open(String stored) {
        if (stored.startsWith(PLAIN)) {
            return stored.substring(PLAIN.length());
        }
        if (key == null || !stored.startsWith(ENCRYPTED)) {
            throw new IllegalStateException("webhook secret is encrypted and this process has no key for it "
                    + "(TRIAGE_WEBHOOKS_SECRET_KEY or TRIAGE_WEBHOOKS_SECRET_KEY_FILE)");
        }
        try {
            byte[] sealed = Base64.getDecoder().decode(stored.substring(ENCRYPTED.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, IV_BYTES));
            return new String(cipher.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("webhook secret cannot be decrypted with this process's key: it was "
                    + "encrypted under another TRIAGE_WEBHOOKS_SECRET_KEY", e);
        }
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
