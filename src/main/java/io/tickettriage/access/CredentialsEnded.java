package io.tickettriage.access;

import java.util.Set;

/**
 * API tokens or dashboard sessions that no longer stand for anyone (revoked, ended), by id: every process must stop
 * answering for them from its cache of recent lookups, and for the sessions opened with one of these tokens.
 */
record CredentialsEnded(Set<Long> ids) {
}
