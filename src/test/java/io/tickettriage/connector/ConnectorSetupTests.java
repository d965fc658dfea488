package io.tickettriage.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The settings every connector has, checked in one place: the same names and messages for every helpdesk. */
class ConnectorSetupTests {

    record Settings(@Nullable String url, @Nullable String webhookSecret, String mode, Duration pollInterval)
            implements HelpdeskSettings {
    }

    @Test
    void aConnectorIsOnWhenItsUrlIsSet() {
        assertThat(new Settings(null, null, "shadow", Duration.ZERO).enabled()).isFalse();
        assertThat(new Settings("  ", null, "shadow", Duration.ZERO).enabled()).isFalse();
        assertThat(new Settings("https://desk.example.com", null, "shadow", Duration.ZERO).enabled()).isTrue();
    }

    @Test
    void readsTheModeAndPollIntervalAndNamesTheConnectorsOwnSettingWhenTheModeIsUnknown() {
        ConnectorSetup setup = ConnectorSetup.check("somedesk", new Settings("https://desk.example.com", null,
                " Auto ", Duration.ofSeconds(90)));

        assertThat(setup.name()).isEqualTo("somedesk");
        assertThat(setup.mode()).isEqualTo(ConnectorMode.AUTO);
        assertThat(setup.pollInterval()).isEqualTo(Duration.ofSeconds(90));
        assertThat(setup.setting("TOKEN")).isEqualTo("TRIAGE_SOMEDESK_TOKEN");
        assertThatThrownBy(() -> ConnectorSetup.check("somedesk", new Settings("https://desk.example.com", null,
                "loud", Duration.ZERO))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TRIAGE_SOMEDESK_MODE 'loud' is unknown");
    }

    @Test
    void aRequiredSettingThatIsMissingStopsTheStartSayingWhatItIsFor() {
        ConnectorSetup setup = ConnectorSetup.check("somedesk", new Settings("https://desk.example.com", null,
                "shadow", Duration.ZERO));

        assertThat(setup.required("TOKEN", " t0k3n ", "a token")).isEqualTo("t0k3n");
        assertThatThrownBy(() -> setup.required("TOKEN", " ", "the connector needs an API token"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TRIAGE_SOMEDESK_URL is set but TRIAGE_SOMEDESK_TOKEN is not: the connector needs an API "
                        + "token");
    }

    @Test
    void withoutAWebhookSecretEveryWebhookCallIsRefusedAndASecretIsUsedWithoutSurroundingBlanks() throws Exception {
        ConnectorSetup unsigned = ConnectorSetup.check("somedesk", new Settings("https://desk.example.com", " ",
                "shadow", Duration.ZERO));
        assertThatThrownBy(unsigned::requireWebhookSecret).isInstanceOf(WebhookRejected.class)
                .hasMessage("TRIAGE_SOMEDESK_WEBHOOK_SECRET is not set, so no webhook call can be verified");

        ConnectorSetup signed = ConnectorSetup.check("somedesk", new Settings("https://desk.example.com",
                " s3cret\n", "shadow", Duration.ZERO));
        assertThat(signed.requireWebhookSecret()).isEqualTo("s3cret");
    }
}
