package io.tickettriage.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The settings every connector has, checked in one place: the same names and messages for every helpdesk. */
class ConnectorSetupTests {

    record Settings(@Nullable String url, @Nullable String webhookSecret, String mode, Duration pollInterval)
            implements HelpdeskSettings {
    }

    private static final String CREDENTIALS = "TRIAGE_SOMEDESK_TOKEN";

    private static ConnectorSetup check(Settings settings) {
        return ConnectorSetup.check("somedesk", settings, CREDENTIALS);
    }

    private static ConnectorSetup at(String url) {
        return check(new Settings(url, null, "shadow", Duration.ZERO));
    }

    @Test
    void aConnectorIsOnWhenItsUrlIsSet() {
        assertThat(new Settings(null, null, "shadow", Duration.ZERO).enabled()).isFalse();
        assertThat(new Settings("  ", null, "shadow", Duration.ZERO).enabled()).isFalse();
        assertThat(new Settings("https://desk.example.com", null, "shadow", Duration.ZERO).enabled()).isTrue();
    }

    @Test
    void readsTheModeAndPollIntervalAndNamesTheConnectorsOwnSettingWhenTheModeIsUnknown() {
        ConnectorSetup setup = check(new Settings("https://desk.example.com", null,
                " Auto ", Duration.ofSeconds(90)));

        assertThat(setup.name()).isEqualTo("somedesk");
        assertThat(setup.mode()).isEqualTo(ConnectorMode.AUTO);
        assertThat(setup.pollInterval()).isEqualTo(Duration.ofSeconds(90));
        assertThat(setup.setting("TOKEN")).isEqualTo("TRIAGE_SOMEDESK_TOKEN");
        assertThatThrownBy(() -> check(new Settings("https://desk.example.com", null,
                "loud", Duration.ZERO))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TRIAGE_SOMEDESK_MODE 'loud' is unknown");
    }

    @Test
    void aRequiredSettingThatIsMissingStopsTheStartSayingWhatItIsFor() {
        ConnectorSetup setup = check(new Settings("https://desk.example.com", null,
                "shadow", Duration.ZERO));

        assertThat(setup.required("TOKEN", " t0k3n ", "a token")).isEqualTo("t0k3n");
        assertThatThrownBy(() -> setup.required("TOKEN", " ", "the connector needs an API token"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TRIAGE_SOMEDESK_URL is set but TRIAGE_SOMEDESK_TOKEN is not: the connector needs an API "
                        + "token");
    }

    @Test
    void withoutAWebhookSecretEveryWebhookCallIsRefusedAndASecretIsUsedWithoutSurroundingBlanks() throws Exception {
        ConnectorSetup unsigned = check(new Settings("https://desk.example.com", " ",
                "shadow", Duration.ZERO));
        assertThatThrownBy(unsigned::requireWebhookSecret).isInstanceOf(WebhookRejected.class)
                .hasMessage("TRIAGE_SOMEDESK_WEBHOOK_SECRET is not set, so no webhook call can be verified");

        ConnectorSetup signed = check(new Settings("https://desk.example.com",
                " s3cret\n", "shadow", Duration.ZERO));
        assertThat(signed.requireWebhookSecret()).isEqualTo("s3cret");
    }

    @Test
    void theAddressIsAnHttpOrHttpsUrlWithAHostKeptWithoutTrailingSlashes() {
        assertThat(at(" https://desk.example.com/ ").url()).hasToString("https://desk.example.com");
        assertThat(at("HTTP://desk.example.com:8080/helpdesk//").url())
                .hasToString("HTTP://desk.example.com:8080/helpdesk");
        // an @ after the host is not a credential
        assertThat(at("https://desk.example.com/helpdesk/@team").url())
                .hasToString("https://desk.example.com/helpdesk/@team");
        assertThatThrownBy(() -> at("desk.example.com")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TRIAGE_SOMEDESK_URL must be an http:// or https:// address with a host name");
        assertThatThrownBy(() -> at("ftp://desk.example.com")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be an http:// or https:// address");
        assertThatThrownBy(() -> at("https://desk example.com")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("TRIAGE_SOMEDESK_URL is not a URL (").hasMessageNotContaining("desk example");
    }

    @Test
    void credentialsInTheAddressAreRefusedNamingWhereTheyGoAndNeverRepeated() {
        for (String url : List.of("https://agent:Sup3r-s3cret@desk.example.com", "https://agent@desk.example.com/",
                "http://agent:Sup3r-s3cret@desk.example.com:8080/helpdesk", "https://agent:p%40ss@desk.example.com",
                "https://agent:Sup3r-s3cret@desk_with_underscore.example.com", "//agent:Sup3r-s3cret@desk.example.com",
                // passwords that make the address unreadable are credentials all the same
                "https://agent:Sup3r s3cret@desk.example.com", "https://agent:Sup3r#s3cret@desk.example.com",
                "https://agent:100%s3cret@desk.example.com")) {
            assertThatThrownBy(() -> at(url)).as(url).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("TRIAGE_SOMEDESK_URL must not carry credentials (user:password@ in the address): "
                            + "remove them from it and set TRIAGE_SOMEDESK_TOKEN instead");
        }
    }
}
