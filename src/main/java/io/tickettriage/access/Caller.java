package io.tickettriage.access;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who is making a request: the name that owns the tickets they create, and their role. Several tokens may carry
 * the same name (a rotated token keeps its owner's tickets).
 */
public record Caller(String name, Role role) {

    /** Everyone, in demo mode ({@code TRIAGE_AUTH=none}). */
    public static final Caller DEMO = new Caller("demo", Role.ADMIN);

    /** Agents and admins see every ticket and internal comments. */
    public boolean isAgent() {
        return role.includes(Role.AGENT);
    }

    /** Whether this caller may see a ticket created by {@code owner}. */
    public boolean mayRead(@Nullable String owner) {
        return isAgent() || name.equals(owner);
    }

    /** The caller of the current request, or {@code null} outside a request or when nobody logged in. */
    public static @Nullable Caller current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof Caller caller ? caller : null;
    }

    /** The caller of the current request, who has passed the web security rules. */
    public static Caller required() {
        Caller caller = current();
        if (caller == null) {
            throw new IllegalStateException("no authenticated caller on this request");
        }
        return caller;
    }

    List<GrantedAuthority> authorities() {
        List<GrantedAuthority> authorities = new ArrayList<>();
        for (Role granted : Role.values()) {
            if (role.includes(granted)) {
                authorities.add(new SimpleGrantedAuthority("ROLE_" + granted.name()));
            }
        }
        return authorities;
    }
}
