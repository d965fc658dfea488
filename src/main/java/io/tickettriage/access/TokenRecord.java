package io.tickettriage.access;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A stored token, session or login code, without its secret.
 *
 * @param parentId the API token a session was opened with, which it does not outlive; null for other kinds and for
 *                 sessions opened with a login link
 */
record TokenRecord(long id, TokenStore.Kind kind, String name, Role role, Instant createdAt,
        @Nullable Instant lastUsedAt, @Nullable Instant expiresAt, @Nullable Instant revokedAt, @Nullable Long parentId) {

    Caller caller() {
        return new Caller(name, role);
    }
}
