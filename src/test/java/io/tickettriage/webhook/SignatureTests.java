package io.tickettriage.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SignatureTests {

    @Test
    void signsTheTimestampAndBodyWithHmacSha256() {
        // the same value as: printf '1700000000.{"a":1}' | openssl dgst -sha256 -hmac 'whsec_test'
        assertThat(Signature.sign("whsec_test", 1_700_000_000L, "{\"a\":1}"))
                .isEqualTo("sha256=38877139021993b830af32feea6e18a8da83eb2f6e49ee50bd9e4cf4ca4d3789");
    }

    @Test
    void anyChangeOfTimestampBodyOrSecretChangesTheSignature() {
        String signature = Signature.sign("whsec_test", 1_700_000_000L, "{\"a\":1}");
        assertThat(Signature.sign("whsec_test", 1_700_000_001L, "{\"a\":1}")).isNotEqualTo(signature);
        assertThat(Signature.sign("whsec_test", 1_700_000_000L, "{\"a\":2}")).isNotEqualTo(signature);
        assertThat(Signature.sign("whsec_other", 1_700_000_000L, "{\"a\":1}")).isNotEqualTo(signature);
    }
}
