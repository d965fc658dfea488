package io.tickettriage.llm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PersonalDataMaskTests {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "write to jane.doe+it@example.co.uk please | write to [email] please",
        "Mail from Jürgen.Groß@firma.de bounced | Mail from [email] bounced",
        "call +44 20 7946 0958 today | call [phone] today",
        "call (555) 123-4567 or 555-0199 | call [phone] or [phone]",
        "mobile 06 12 34 56 78. | mobile [phone].",
        "IBAN DE89 3704 0044 0532 0130 00 for refunds | IBAN [iban] for refunds",
        "IBAN GB82WEST12345698765432 | IBAN [iban]",
        "card 4111 1111 1111 1111 was charged | card [card] was charged",
        "card 4111-1111-1111-1111 | card [card]",
        "SSN 123-45-6789 | SSN [phone]",
        "my password is Hunter2! now | my password is [secret]! now",
        "Password: \"s3cr3t\" | Password: [secret]",
        "PIN is 4821. | PIN is [secret].",
        "api key=sk-abc123 | api key=[secret]"
    })
    void masksPersonalDataAndSecrets(String text, String masked) {
        assertThat(PersonalDataMask.mask(text)).isEqualTo(masked);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "My password is expired",
        "password was reset yesterday, still locked out",
        "Windows 10 22H2 update KB5034441 fails with 0x80070005",
        "Error 1603 during install, ticket INC0012345",
        "Outlook 16.0.17328.20142 crashes",
        "Printer at 10.20.30.40 unreachable since 2024-03-05 09:30",
        "Meeting on 05/03/2024 at 14:00 in room 4.12",
        "50 users in building 7 since 8am, 1,250,000 rows",
        "PC01 will need a new disk"
    })
    void keepsWhatRoutingNeeds(String text) {
        assertThat(PersonalDataMask.mask(text)).isEqualTo(text);
    }
}
