package io.tickettriage.webhook;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

import io.tickettriage.system.AfterCommit;
import io.tickettriage.system.FieldChecks;
import io.tickettriage.system.InvalidFieldException;
import io.tickettriage.system.NotFoundException;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Webhook subscriptions and their deliveries, for admins: the one entry point of this module. */
@Service
class WebhookManagement {

    static final int MAX_DESCRIPTION = 500;
    static final int MAX_EVENTS = 20;
    static final int MIN_SECRET = 16;
    static final int MAX_SECRET = 256;
    static final int MAX_LISTED_DELIVERIES = 200;

    private final SubscriptionStore subscriptions;
    private final DeliveryStore deliveries;
    private final SecretBox secrets;
    private final TargetGuard guard;
    private final DeliveryDispatcher dispatcher;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    WebhookManagement(SubscriptionStore subscriptions, DeliveryStore deliveries, SecretBox secrets,
            TargetGuard guard, DeliveryDispatcher dispatcher, Clock clock) {
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.secrets = secrets;
        this.guard = guard;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    record NewSubscription(@Nullable String url, @Nullable List<String> events, @Nullable String secret,
            @Nullable String description, @Nullable Boolean internalComments) {
    }

    /** An admin's change; null fields are left as they are. */
    record Change(@Nullable String url, @Nullable List<String> events, @Nullable Boolean active,
            @Nullable String description, @Nullable Boolean internalComments, @Nullable String secret) {
    }

    /** A new subscription and its secret, which is never shown again. */
    record Created(Subscription subscription, String secret) {
    }

    Created create(NewSubscription request) {
        FieldChecks checks = new FieldChecks();
        String url = checks.check(() -> url(request.url()));
        List<String> events = checks.check(() -> events(request.events()));
        String secret = request.secret() == null ? newSecret() : checks.check(() -> secret(request.secret()));
        String description = checks.check(() -> description(request.description()));
        checks.done();
        long id = subscriptions.insert(url, events, description, secrets.seal(secret),
                Boolean.TRUE.equals(request.internalComments()), clock.instant());
        return new Created(get(id), secret);
    }

    List<Subscription> list() {
        return subscriptions.list();
    }

    Subscription get(long id) {
        return subscriptions.find(id).orElseThrow(() -> notFound(id));
    }

    @Transactional
    Subscription update(long id, Change change) {
        Subscription current = get(id);
        FieldChecks checks = new FieldChecks();
        String url = change.url() == null ? current.url() : checks.check(() -> url(change.url()));
        List<String> events = change.events() == null ? current.events() : checks.check(() -> events(change.events()));
        String description = change.description() == null ? current.description()
                : checks.check(() -> description(change.description()));
        String secret = change.secret() == null ? null : checks.check(() -> secret(change.secret()));
        checks.done();
        Subscription changed = new Subscription(id, url, events, description,
                change.internalComments() == null ? current.internalComments() : change.internalComments(),
                change.active() == null ? current.active() : change.active(),
                current.pausedReason(), current.failingSince(), current.createdAt(), current.updatedAt());
        String storedSecret = secret == null ? null : secrets.seal(secret);
        subscriptions.update(changed, storedSecret, clock.instant());
        if (changed.active()) {
            AfterCommit.run(dispatcher::wakeUp); // deliveries that waited while it was paused
        }
        return get(id);
    }

    void delete(long id) {
        if (!subscriptions.delete(id)) {
            throw notFound(id);
        }
    }

    List<Delivery> deliveries(long webhookId, int limit) {
        get(webhookId);
        if (limit < 1 || limit > MAX_LISTED_DELIVERIES) {
            throw new InvalidFieldException("limit", "limit must be between 1 and " + MAX_LISTED_DELIVERIES);
        }
        return deliveries.recent(webhookId, limit);
    }

    /**
     * Sends a delivery's event again as a new delivery, with an id of its own: the receiver asked for it again, so
     * its de-duplication must not drop it.
     */
    @Transactional
    Delivery redeliver(long webhookId, String deliveryId) {
        Delivery original = deliveries.find(webhookId, deliveryId).orElseThrow(() -> new NotFoundException(
                "No delivery '" + deliveryId + "' for webhook " + webhookId));
        String payload = deliveries.payload(deliveryId).orElseThrow();
        String id = UUID.randomUUID().toString();
        Instant now = clock.instant();
        deliveries.insert(webhookId, id, original.event(), payload, original.occurredAt(), now, deliveryId);
        AfterCommit.run(dispatcher::wakeUp);
        return deliveries.find(webhookId, id).orElseThrow();
    }

    private String url(@Nullable String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidFieldException("url", "url is required");
        }
        try {
            URI uri = guard.parse(value.strip());
            guard.checkAddress(uri);
            return uri.toString();
        } catch (TargetGuard.Refused | TargetGuard.Unresolved e) {
            throw new InvalidFieldException("url", e.getMessage());
        }
    }

    private static List<String> events(@Nullable List<String> values) {
        if (values == null || values.isEmpty()) {
            throw new InvalidFieldException("events", "events is required: a list of " + EventNames.known());
        }
        if (values.size() > MAX_EVENTS) {
            throw new InvalidFieldException("events", "events may list at most " + MAX_EVENTS + " names");
        }
        for (String name : values) {
            if (name == null || !EventNames.KNOWN.contains(name)) {
                throw new InvalidFieldException("events", "Unknown event '" + name + "'; known events are "
                        + EventNames.known());
            }
        }
        return List.copyOf(new LinkedHashSet<>(values));
    }

    private static @Nullable String description(@Nullable String value) {
        if (value != null && value.length() > MAX_DESCRIPTION) {
            throw new InvalidFieldException("description", "description must be at most " + MAX_DESCRIPTION
                    + " characters");
        }
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String secret(String value) {
        if (value.length() < MIN_SECRET || value.length() > MAX_SECRET) {
            throw new InvalidFieldException("secret", "secret must be " + MIN_SECRET + " to " + MAX_SECRET
                    + " characters");
        }
        return value;
    }

    private String newSecret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static NotFoundException notFound(long id) {
        return new NotFoundException("No webhook with id " + id);
    }
}
