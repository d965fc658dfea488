package io.tickettriage.connector;

import java.time.Duration;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tickettriage.system.InvalidFieldException;
import io.tickettriage.system.NotFoundException;
import io.tickettriage.system.ServiceUnavailableException;
import io.tickettriage.system.UnauthorizedException;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /connectors/{name}/webhook}: a helpdesk announces a new or changed ticket. Open to callers without a
 * token, because the helpdesk has none of the product's: the connector checks the call's signature instead, and a
 * call without a valid one is answered 401 with nothing changed. A genuine call is taken in before the answer, so a
 * 2xx means the ticket is committed; a failure answers 503 and the helpdesk sends it again (and polling, where on,
 * finds the ticket anyway).
 */
@RestController
@Tag(name = "Connectors")
class ConnectorWebhookController {

    private static final Logger log = LoggerFactory.getLogger(ConnectorWebhookController.class);

    /** What the call did: the helpdesk ticket and its product ticket. */
    record WebhookAnswer(String connector, String externalId, String outcome, @Nullable Long ticketId) {
    }

    private final ConnectorRegistry connectors;
    private final ConnectorIntake intake;
    private final ConnectorMetrics metrics;

    ConnectorWebhookController(ConnectorRegistry connectors, ConnectorIntake intake, ConnectorMetrics metrics) {
        this.connectors = connectors;
        this.intake = intake;
        this.metrics = metrics;
    }

    @PostMapping(path = "/connectors/{name}/webhook", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "A helpdesk's webhook (Zammad trigger, GLPI webhook): a new or changed ticket, verified by "
            + "its signature (Zammad: X-Hub-Signature, HMAC-SHA1 of the body with TRIAGE_ZAMMAD_WEBHOOK_SECRET; "
            + "GLPI 11: X-GLPI-signature, HMAC-SHA256 of the body and X-GLPI-timestamp with "
            + "TRIAGE_GLPI_WEBHOOK_SECRET)")
    WebhookAnswer webhook(@PathVariable String name, @RequestBody(required = false) byte @Nullable [] body,
            HttpServletRequest request) {
        HelpdeskConnector connector = connectors.find(name).filter(HelpdeskConnector::enabled)
                .orElseThrow(() -> new NotFoundException("No connector '" + name + "' is configured"));
        HelpdeskTicket ticket;
        try {
            ticket = connector.fromWebhook(headers(request), body == null ? new byte[0] : body);
        } catch (WebhookRejected e) {
            metrics.webhookRejected(name);
            log.warn("{} webhook call from {} refused: {}", name, request.getRemoteAddr(), e.getMessage());
            throw new UnauthorizedException(e.getMessage());
        } catch (HelpdeskException e) {
            throw e.isTransient() ? new ServiceUnavailableException(e.getMessage(), Duration.ofSeconds(30))
                    : new InvalidFieldException("body", e.getMessage());
        }
        try {
            ConnectorIntake.Taken taken = intake.take(connector, ticket, "webhook");
            return new WebhookAnswer(name, ticket.externalId(), taken.outcome().name().toLowerCase(Locale.ROOT),
                    taken.ticketId());
        } catch (HelpdeskException e) {
            metrics.failure(name, "webhook", e.kind());
            throw new ServiceUnavailableException("The ticket could not be read from " + name + ": " + e.getMessage(),
                    Duration.ofSeconds(30));
        }
    }

    private static Map<String, String> headers(HttpServletRequest request) {
        Map<String, String> headers = new LinkedHashMap<>();
        Enumeration<String> names = request.getHeaderNames();
        while (names.hasMoreElements()) {
            String header = names.nextElement();
            headers.put(header.toLowerCase(Locale.ROOT), request.getHeader(header));
        }
        return headers;
    }
}
