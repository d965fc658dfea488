package io.tickettriage.connector.glpi;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * The signature GLPI 11 puts on each webhook delivery ({@code src/Webhook.php}): {@code X-GLPI-signature} is the
 * hex HMAC-SHA256 of the body followed by the {@code X-GLPI-timestamp} value, keyed with the webhook's secret.
 * There is no age limit: GLPI sends a delivery again from its queue with the timestamp it was first signed with,
 * and a replayed delivery only makes the connector read that ticket from GLPI again.
 */
final class GlpiWebhookSignature {

    static final String SIGNATURE_HEADER = "X-GLPI-signature";
    static final String TIMESTAMP_HEADER = "X-GLPI-timestamp";

    private GlpiWebhookSignature() {
    }

    static boolean verify(byte[] body, @Nullable String signature, @Nullable String timestamp, String secret) {
        if (signature == null || timestamp == null || secret.isEmpty() || !timestamp.strip().matches("[0-9]{1,12}")) {
            return false;
        }
        byte[] expected = HexFormat.of().formatHex(hmac(body, timestamp.strip(), secret))
                .getBytes(StandardCharsets.US_ASCII);
        byte[] given = signature.strip().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given);
    }

    private static byte[] hmac(byte[] body, String timestamp, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(body);
            return mac.doFinal(timestamp.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
