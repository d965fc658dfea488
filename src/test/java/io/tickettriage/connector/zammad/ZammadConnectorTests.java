package io.tickettriage.connector.zammad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import io.tickettriage.connector.ConnectorMode;
import io.tickettriage.connector.HelpdeskConnector;
import io.tickettriage.connector.HelpdeskException;
import io.tickettriage.connector.HelpdeskTicket;
import io.tickettriage.connector.WebhookRejected;
import io.tickettriage.ticket.Priority;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The Zammad connector on its own, against the fake Zammad: what it sends, what it reads, what it refuses. */
class ZammadConnectorTests {

    private static final String TOKEN = "unit-token-93e1";
    private static final FakeZammad ZAMMAD = new FakeZammad(TOKEN);

    @AfterAll
    static void stop() {
        ZAMMAD.close();
    }

    @Test
    void isOffWhileItsUrlIsUnsetAndRefusesToStartWithoutATokenOrWithCredentialsInTheUrl() {
        ZammadConfiguration configuration = new ZammadConfiguration();
        HelpdeskConnector off = configuration.zammadConnector(properties(null, null, "shadow"), Clock.systemUTC());
        assertThat(off.enabled()).isFalse();
        assertThat(off.name()).isEqualTo("zammad");

        assertThatThrownBy(() -> configuration.zammadConnector(properties(ZAMMAD.url(), null, "shadow"),
                Clock.systemUTC())).hasMessageContaining("TRIAGE_ZAMMAD_TOKEN is not");
        assertThatThrownBy(() -> configuration.zammadConnector(properties("https://agent:S3cret-pw@zammad.example.com",
                TOKEN, "shadow"), Clock.systemUTC())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TRIAGE_ZAMMAD_URL must not carry credentials")
                .hasMessageContaining("set TRIAGE_ZAMMAD_TOKEN").hasMessageNotContaining("S3cret-pw");
        assertThatThrownBy(() -> configuration.zammadConnector(properties(ZAMMAD.url(), TOKEN, "loud"),
                Clock.systemUTC())).hasMessageContaining("TRIAGE_ZAMMAD_MODE 'loud' is unknown");
        assertThat(configuration.zammadConnector(properties(ZAMMAD.url(), TOKEN, "SUGGEST"), Clock.systemUTC())
                .mode()).isEqualTo(ConnectorMode.SUGGEST);
    }

    @Test
    void readsTicketsWithTheirFirstArticleAndWritesGroupPriorityAndInternalNotesAsZammadsApiDocumentsThem()
            throws Exception {
        HelpdeskConnector zammad = connector();
        long id = ZAMMAD.open("Printer offline", "The printer on <i>floor 3</i> is offline.&nbsp;Please help.",
                "Users", "2 normal");

        HelpdeskTicket ticket = zammad.withDescription(zammad.ticket(String.valueOf(id)));
        assertThat(ticket.group()).isEqualTo("Users");
        assertThat(ticket.priority()).isEqualTo("2 normal");
        assertThat(ticket.state()).isEqualTo("new");
        assertThat(ticket.closed()).isFalse();
        assertThat(ticket.description()).isEqualTo("The printer on floor 3 is offline. Please help.");

        zammad.update(String.valueOf(id), "Hardware Team", "3 high");
        zammad.addInternalNote(String.valueOf(id), "Ticket Triage suggests group \"Hardware Team\"");

        assertThat(ZAMMAD.group(id)).isEqualTo("Hardware Team");
        assertThat(ZAMMAD.priority(id)).isEqualTo("3 high");
        FakeZammad.Call note = ZAMMAD.calls("POST", "/api/v1/ticket_articles").getLast();
        assertThat(note.json().get("ticket_id").asLong()).isEqualTo(id);
        assertThat(note.json().get("internal").asBoolean()).isTrue();
        assertThat(note.json().get("type").asString()).isEqualTo("note");
        assertThat(ZAMMAD.internalNotes(id)).containsExactly("Ticket Triage suggests group \"Hardware Team\"");
        assertThat(ZAMMAD.calls()).allSatisfy(call ->
                assertThat(call.header("Authorization")).isEqualTo("Token token=" + TOKEN));
    }

    @Test
    void anUnknownGroupIsAPermanentFailureWithZammadsOwnWords() {
        HelpdeskConnector zammad = connector();
        long id = ZAMMAD.open("Chair broken", "My chair is broken.", "Users", "2 normal");

        assertThatThrownBy(() -> zammad.update(String.valueOf(id), "No Such Group", null))
                .isInstanceOfSatisfying(HelpdeskException.class, e -> {
                    assertThat(e.isTransient()).isFalse();
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.getMessage()).contains("No lookup value found for 'group'").doesNotContain(TOKEN);
                });
        assertThatThrownBy(() -> zammad.ticket("1/../../admin")).hasMessageContaining("not a Zammad ticket id");
    }

    @Test
    void aWebhookIsReadOnlyWithTheRightSignature() throws Exception {
        HelpdeskConnector zammad = connector();
        long id = ZAMMAD.open("Mouse jumps", "The mouse pointer jumps around.", "Users", "1 low");
        byte[] body = ZAMMAD.webhookPayload(id).getBytes(StandardCharsets.UTF_8);
        String signature = "sha1=" + ZammadConnector.hmacSha1("hook", body);

        HelpdeskTicket ticket = zammad.fromWebhook(Map.of("x-hub-signature", signature), body);
        assertThat(ticket.externalId()).isEqualTo(String.valueOf(id));
        assertThat(ticket.group()).isEqualTo("Users");
        assertThat(ticket.priority()).isEqualTo("1 low");
        assertThat(ticket.description()).isEqualTo("The mouse pointer jumps around.");

        assertThatThrownBy(() -> zammad.fromWebhook(Map.of(), body)).isInstanceOf(WebhookRejected.class)
                .hasMessageContaining("no X-Hub-Signature");
        assertThatThrownBy(() -> zammad.fromWebhook(Map.of("x-hub-signature", "sha1=00"), body))
                .isInstanceOf(WebhookRejected.class).hasMessageContaining("does not match");
        HelpdeskConnector unsigned = new ZammadConfiguration().zammadConnector(new ZammadProperties(ZAMMAD.url(),
                TOKEN, null, "shadow", Duration.ofMinutes(1), Duration.ofSeconds(5), 100, "3 high"),
                Clock.systemUTC());
        assertThatThrownBy(() -> unsigned.fromWebhook(Map.of("x-hub-signature", signature), body))
                .isInstanceOf(WebhookRejected.class).hasMessageContaining("TRIAGE_ZAMMAD_WEBHOOK_SECRET is not set");
    }

    @Test
    void mapsZammadPrioritiesToTheProductsAndBack() {
        HelpdeskConnector zammad = connector();
        assertThat(zammad.priority("1 low")).contains(Priority.LOW);
        assertThat(zammad.priority("2 normal")).contains(Priority.MEDIUM);
        assertThat(zammad.priority("3 high")).contains(Priority.HIGH);
        assertThat(zammad.priority("4 urgent")).contains(Priority.URGENT);
        assertThat(zammad.priority("whenever")).isEmpty();
        assertThat(zammad.priorityName(Priority.MEDIUM)).isEqualTo("2 normal");
        assertThat(zammad.priorityName(Priority.URGENT)).isEqualTo("3 high");
        assertThat(zammad.link("42")).isEqualTo(ZAMMAD.url() + "/#ticket/zoom/42");
    }

    private static HelpdeskConnector connector() {
        return new ZammadConfiguration().zammadConnector(properties(ZAMMAD.url(), TOKEN, "auto"), Clock.systemUTC());
    }

    private static ZammadProperties properties(String url, String token, String mode) {
        return new ZammadProperties(url, token, "hook", mode, Duration.ofMinutes(1), Duration.ofSeconds(5), 100,
                "3 high");
    }
}
