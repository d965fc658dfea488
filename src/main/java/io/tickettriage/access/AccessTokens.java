package io.tickettriage.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tokens, sessions and one-time login codes: the entry point of this module. A secret is 256 random bits,
 * shown once and stored only as its SHA-256 hash, which is enough for secrets that cannot be guessed and keeps
 * every check to one indexed lookup. Secrets are never logged.
 */
@Service
public class AccessTokens {

    /** Prefix that makes a leaked token easy to recognise in code reviews and secret scanners. */
    static final String PREFIX = "tt_";
    /** How long a lookup is answered from memory; another process's revocation shows within it, without Redis. */
    static final long CACHE_MILLIS = 10_000;
    private static final long TOUCH_MILLIS = 60_000;
    private static final int MAX_CACHED = 10_000;
    static final int MAX_SESSIONS_PER_TOKEN = 20;

    private final TokenStore store;
    private final AccessProperties properties;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final SecureRandom random = new SecureRandom();
    /** Recent lookups, so that a busy client costs one query per token every few seconds rather than per call. */
    private final Map<String, Cached> recent = new ConcurrentHashMap<>();

    private record Cached(@Nullable TokenRecord token, long loadedAt) {
    }

    public record IssuedToken(long id, String name, Role role, String secret) {
    }

    public record TokenInfo(long id, String name, Role role, Instant createdAt, @Nullable Instant lastUsedAt,
            @Nullable Instant revokedAt) {
    }

    /**
     * @param tokenId the API token the session was opened with; null for a session opened with a login link
     */
    public record SessionInfo(long id, String name, Role role, Instant createdAt, @Nullable Instant lastUsedAt,
            @Nullable Instant expiresAt, @Nullable Long tokenId) {
    }

    AccessTokens(TokenStore store, AccessProperties properties, Clock clock, ApplicationEventPublisher events) {
        this.store = store;
        this.properties = properties;
        this.clock = clock;
        this.events = events;
    }

    /** Creates an API token; its secret is in the answer and nowhere else. */
    public IssuedToken createApiToken(@Nullable String name, Role role) {
        String secret = newSecret();
        // an unnamed token gets a name of its own, drawn apart from its secret, which must not show as created_by
        String owner = name == null || name.isBlank() ? role.value() + "-" + HexFormat.of().toHexDigits(random.nextInt())
                : name.strip();
        long id = store.insert(TokenStore.Kind.API, owner, role, hash(secret), clock.instant(), null);
        return new IssuedToken(id, owner, role, secret);
    }

    public List<TokenInfo> apiTokens() {
        return store.list(TokenStore.Kind.API).stream().map(token -> new TokenInfo(token.id(), token.name(),
                token.role(), token.createdAt(), token.lastUsedAt(), token.revokedAt())).toList();
    }

    /**
     * Revokes an API token and ends the dashboard sessions opened with it; true if it was live. Takes effect at once
     * in this process; in others at once through Redis in the scale-out mode, else within {@link #CACHE_MILLIS}.
     */
    @Transactional
    public boolean revoke(long id) {
        Optional<TokenRecord> token = store.find(id).filter(found -> found.kind() == TokenStore.Kind.API);
        Instant now = clock.instant();
        if (token.isEmpty() || !store.revoke(id, now)) {
            return false;
        }
        store.revokeSessionsOf(id, now);
        forget(Set.of(id));
        events.publishEvent(new CredentialsEnded(Set.of(id)));
        return true;
    }

    /** The dashboard sessions that can still be used, for admins to see who is logged in. */
    public List<SessionInfo> sessions() {
        return store.liveSessions(clock.instant()).stream().map(session -> new SessionInfo(session.id(),
                session.name(), session.role(), session.createdAt(), session.lastUsedAt(), session.expiresAt(),
                session.parentId())).toList();
    }

    /** Ends a dashboard session; true if it was live. */
    public boolean endSession(long id) {
        Optional<TokenRecord> session = store.find(id).filter(found -> found.kind() == TokenStore.Kind.SESSION);
        if (session.isEmpty() || !store.revoke(id, clock.instant())) {
            return false;
        }
        forget(Set.of(id));
        events.publishEvent(new CredentialsEnded(Set.of(id)));
        return true;
    }

    /**
     * Which of these credentials no longer stand for anyone: revoked, expired or ended. Asks the database, so that a
     * revocation or logout in any process is seen.
     */
    public Set<Credential> ended(Collection<Credential> credentials) {
        List<String> hashes = credentials.stream().map(Credential::hash).distinct().toList();
        Set<String> usable = new HashSet<>();
        Instant now = clock.instant();
        for (int from = 0; from < hashes.size(); from += 500) {
            usable.addAll(store.usableAmong(hashes.subList(from, Math.min(hashes.size(), from + 500)), now));
        }
        Set<Credential> ended = new HashSet<>();
        for (Credential credential : credentials) {
            if (!usable.contains(credential.hash())) {
                ended.add(credential);
            }
        }
        return ended;
    }

    /** Stops answering from memory for these tokens or sessions, and for the sessions opened with these tokens. */
    void forget(Set<Long> ids) {
        recent.values().removeIf(cached -> cached.token() != null && (ids.contains(cached.token().id())
                || cached.token().parentId() != null && ids.contains(cached.token().parentId())));
    }

    /** The caller an API token or a session secret stands for, if it is live. Login codes do not authenticate. */
    public Optional<Caller> authenticate(@Nullable String secret) {
        if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 100) {
            return Optional.empty();
        }
        long now = clock.millis();
        String hash = hash(secret);
        Cached cached = recent.get(hash);
        if (cached == null || now - cached.loadedAt() > CACHE_MILLIS
                || cached.token() != null && cached.token().expiresAt() != null
                        && cached.token().expiresAt().toEpochMilli() <= now) {
            if (recent.size() > MAX_CACHED) {
                recent.clear();
            }
            TokenRecord token = store.findUsable(hash, Instant.ofEpochMilli(now))
                    .filter(found -> found.kind() != TokenStore.Kind.LOGIN).orElse(null);
            if (token != null && (token.lastUsedAt() == null
                    || now - token.lastUsedAt().toEpochMilli() > TOUCH_MILLIS)) {
                store.touch(token.id(), Instant.ofEpochMilli(now));
            }
            cached = new Cached(token, now);
            recent.put(hash, cached);
        }
        return Optional.ofNullable(cached.token()).map(TokenRecord::caller);
    }

    /** A single-use login code for the dashboard, valid for the configured time. */
    public String issueLoginCode(String name, Role role) {
        String code = newSecret();
        Instant now = clock.instant();
        store.insert(TokenStore.Kind.LOGIN, name, role, hash(code), now, now.plus(properties.loginLinkValidity()));
        return code;
    }

    /** Spends a login code on a new session; empty if the code is unknown, used or expired. */
    Optional<Session> redeemLoginCode(String code) {
        Optional<TokenRecord> login = store.findUsable(hash(code), clock.instant())
                .filter(found -> found.kind() == TokenStore.Kind.LOGIN);
        if (login.isEmpty() || !store.revoke(login.get().id(), clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(openSession(login.get().caller(), null));
    }

    /**
     * Opens a dashboard session for the holder of an API token, so the token itself never sits in a cookie. The
     * session ends with the token; a token keeps at most {@link #MAX_SESSIONS_PER_TOKEN} live sessions, the oldest
     * ending when one more opens, so that scripted logins cannot pile up sessions.
     */
    @Transactional
    Optional<Session> sessionFor(String apiToken) {
        if (apiToken.length() > 100 || !apiToken.startsWith(PREFIX)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Optional<TokenRecord> token = store.findUsable(hash(apiToken), now)
                .filter(found -> found.kind() == TokenStore.Kind.API);
        if (token.isEmpty()) {
            return Optional.empty();
        }
        List<Long> live = store.liveSessionsOf(token.get().id(), now);
        for (int i = 0; i <= live.size() - MAX_SESSIONS_PER_TOKEN; i++) {
            endSession(live.get(i));
        }
        return Optional.of(openSession(token.get().caller(), token.get().id()));
    }

    void endSession(String secret) {
        Instant now = clock.instant();
        store.findUsable(hash(secret), now).filter(found -> found.kind() == TokenStore.Kind.SESSION)
                .filter(session -> store.revoke(session.id(), now))
                .ifPresent(session -> events.publishEvent(new CredentialsEnded(Set.of(session.id()))));
        recent.remove(hash(secret));
    }

    boolean anyApiToken() {
        return store.anyLive(TokenStore.Kind.API);
    }

    int forgetExpired() {
        return store.deleteExpired(clock.instant());
    }

    record Session(String secret, Caller caller) {
    }

    private Session openSession(Caller caller, @Nullable Long parentId) {
        String secret = newSecret();
        Instant now = clock.instant();
        store.insert(TokenStore.Kind.SESSION, caller.name(), caller.role(), hash(secret), now,
                now.plus(properties.sessionValidity()), parentId);
        return new Session(secret, caller);
    }

    private String newSecret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String secret) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
