package io.tickettriage.webhook;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tickettriage.system.NotFoundException;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Outbound webhook subscriptions, for admins (see docs/webhooks.md). */
@RestController
@RequestMapping(path = "/webhooks", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Webhooks")
class WebhookController {

    private final WebhookManagement webhooks;

    WebhookController(WebhookManagement webhooks) {
        this.webhooks = webhooks;
    }

    /** A new subscription with its secret: the only answer that ever shows it. */
    record CreatedSubscription(long id, String url, List<String> events, @Nullable String description,
            boolean internalComments, boolean active, Instant createdAt, String secret) {
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Subscribe a URL to events; the answer is the only place the signing secret appears")
    ResponseEntity<CreatedSubscription> create(@RequestBody WebhookManagement.NewSubscription request) {
        WebhookManagement.Created created = webhooks.create(request);
        Subscription subscription = created.subscription();
        return ResponseEntity.created(URI.create("/webhooks/" + subscription.id()))
                .body(new CreatedSubscription(subscription.id(), subscription.url(), subscription.events(),
                        subscription.description(), subscription.internalComments(), subscription.active(),
                        subscription.createdAt(), created.secret()));
    }

    @GetMapping
    @Operation(summary = "List webhook subscriptions (never their secrets)")
    List<Subscription> list() {
        return webhooks.list();
    }

    @GetMapping("/{webhookId}")
    @Operation(summary = "One webhook subscription")
    Subscription get(@PathVariable String webhookId) {
        return webhooks.get(id(webhookId));
    }

    @PatchMapping(path = "/{webhookId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Change a subscription's url, events, description or secret; pause or re-enable it (active)")
    Subscription update(@PathVariable String webhookId, @RequestBody WebhookManagement.Change change) {
        return webhooks.update(id(webhookId), change);
    }

    @DeleteMapping("/{webhookId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a subscription and its deliveries")
    void delete(@PathVariable String webhookId) {
        webhooks.delete(id(webhookId));
    }

    @GetMapping("/{webhookId}/deliveries")
    @Operation(summary = "A subscription's deliveries, most recent first")
    List<Delivery> deliveries(@PathVariable String webhookId, @RequestParam(defaultValue = "50") String limit) {
        int parsed;
        try {
            parsed = Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            parsed = -1;
        }
        return webhooks.deliveries(id(webhookId), parsed);
    }

    @PostMapping("/{webhookId}/deliveries/{deliveryId}/redeliver")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Send a delivery's event again, as a new delivery")
    Delivery redeliver(@PathVariable String webhookId, @PathVariable String deliveryId) {
        return webhooks.redeliver(id(webhookId), deliveryId);
    }

    private static long id(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new NotFoundException("No webhook with id '" + value + "'");
        }
    }
}
