package io.tickettriage.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code X-Triage-Signature} header: {@code sha256=} and the hex HMAC-SHA256 of {@code "<timestamp>.<body>"}
 * keyed with the subscription's secret (its UTF-8 bytes). The timestamp is signed too, so that a receiver that
 * refuses old timestamps cannot be fed a captured request again later.
 */
final class Signature {

    private Signature() {
    }

    static String sign(String secret, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "sha256=" + HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
