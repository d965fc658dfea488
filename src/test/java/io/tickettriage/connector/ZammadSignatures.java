package io.tickettriage.connector;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Signs a body as Zammad signs a webhook call: the hex HMAC-SHA1 of the body, keyed with the signature token. */
final class ZammadSignatures {

    private ZammadSignatures() {
    }

    static String sign(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The header a Zammad webhook with this signature token sends the body with. */
    static Map<String, String> signed(String secret, String body) {
        return Map.of("X-Hub-Signature", "sha1=" + sign(secret, body));
    }
}
