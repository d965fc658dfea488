package io.tickettriage.webhook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

import io.tickettriage.system.Backoff;
import io.tickettriage.system.DatabaseUrl;
import io.tickettriage.system.TriageRole;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhookProperties.class)
class WebhookConfiguration {

    private static final Logger log = LoggerFactory.getLogger(WebhookConfiguration.class);

    @Bean
    TargetGuard webhookTargetGuard(WebhookProperties properties) {
        if (properties.allowPrivate()) {
            log.warn("Webhooks may target loopback and private-network addresses (TRIAGE_WEBHOOKS_ALLOW_PRIVATE=true)");
        }
        return new TargetGuard(properties.allowPrivate());
    }

    @Bean
    SecretBox webhookSecretBox(WebhookProperties properties,
            @Value("${spring.datasource.url:}") String jdbcUrl) {
        if (properties.secretKey() != null && !properties.secretKey().isBlank()) {
            return new SecretBox(properties.secretKey());
        }
        Path file = keyFile(properties.secretKeyFile(), jdbcUrl);
        if (file != null) {
            return new SecretBox(readOrCreateKey(file));
        }
        if (jdbcUrl.contains(":memory:")) {
            // the secrets go with the database when the process ends
            return new SecretBox(newKey());
        }
        log.warn("Webhook secrets are stored unencrypted: set TRIAGE_WEBHOOKS_SECRET_KEY (the same in every process) "
                + "so that reading the database does not reveal them");
        return new SecretBox(null);
    }

    @Bean
    DeliveryDispatcher webhookDispatcher(SubscriptionStore subscriptions, DeliveryStore deliveries,
            SecretBox secrets, TargetGuard guard, WebhookProperties properties, Clock clock, TriageRole role,
            @Value("${triage.database.vendor:SQLITE}") DatabaseUrl.Vendor vendor) {
        DeliverySender sender = new DeliverySender(guard, properties.connectTimeout(), properties.requestTimeout(),
                clock);
        Backoff backoff = new Backoff(properties.retryInitial(), properties.retryMaxWait(),
                () -> ThreadLocalRandom.current().nextDouble());
        DeliveryAttempts attempts = new DeliveryAttempts(subscriptions, deliveries, sender, secrets, backoff,
                properties, clock);
        // An SQLite file belongs to one process, so deliveries still marked as being sent were taken by a run that died.
        boolean soleProcess = vendor == DatabaseUrl.Vendor.SQLITE && role == TriageRole.ALL;
        return new DeliveryDispatcher(deliveries, attempts, properties, clock, soleProcess);
    }

    @Bean
    WebhookOutbox webhookOutbox(SubscriptionStore subscriptions, DeliveryStore deliveries, JsonMapper json,
            Clock clock, DeliveryDispatcher dispatcher) {
        return new WebhookOutbox(subscriptions, deliveries, json, clock, dispatcher::wakeUp);
    }

    /** The configured key file, else one next to an SQLite file; null when there is neither. */
    static @Nullable Path keyFile(@Nullable Path configured, String jdbcUrl) {
        if (configured != null) {
            return configured;
        }
        if (jdbcUrl.startsWith("jdbc:sqlite:")) {
            String file = jdbcUrl.substring("jdbc:sqlite:".length());
            int options = file.indexOf('?');
            file = options >= 0 ? file.substring(0, options) : file;
            if (!file.isBlank() && !file.contains(":memory:")) {
                return Path.of(file + "-webhooks.key");
            }
        }
        return null;
    }

    /** Reads the key file, or creates it readable by its owner only; two processes racing to create it agree. */
    static String readOrCreateKey(Path file) {
        try {
            if (!Files.exists(file)) {
                Path parent = file.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Path temp = Files.createTempFile(parent, ".webhooks-key", ".tmp");
                try {
                    setOwnerOnly(temp);
                    Files.writeString(temp, newKey(), StandardCharsets.UTF_8);
                    Files.move(temp, file);
                } catch (FileAlreadyExistsException raced) {
                    // another process wrote it first: use theirs
                } finally {
                    Files.deleteIfExists(temp);
                }
                log.info("Created {} to encrypt webhook secrets; keep it with the database's backups, apart from them",
                        file);
            }
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the webhook secret key file " + file, e);
        }
    }

    private static void setOwnerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the file inherits its folder's access rules
        }
    }

    private static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
