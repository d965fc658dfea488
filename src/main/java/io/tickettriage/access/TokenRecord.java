package io.tickettriage.access;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** A stored token, session or login code, without its secret. */
record TokenRecord(long id, TokenStore.Kind kind, String name, Role role, Instant createdAt,
        @Nullable Instant lastUsedAt, @Nullable Instant expiresAt, @Nullable Instant revokedAt) {

    Caller caller() {
        return new Caller(name, role);
    }
}
