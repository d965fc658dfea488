package io.tickettriage.access;

import org.springframework.http.HttpMethod;

/**
 * Who may call a module's endpoints, declared by the module beside its controllers: the web security rules are
 * the union of every module's declarations. An endpoint no module declares needs an agent, so a new endpoint is
 * closed until its module says otherwise. Patterns are Spring path patterns; those of different modules must not
 * overlap, since the first matching rule decides.
 */
public interface EndpointAccess {

    void declare(Rules rules);

    /** The rules a module adds to; each method returns the same rules, for chaining. */
    interface Rules {

        /** Anyone, without a token: pages, health, the login itself. */
        Rules open(String... patterns);

        /** Callers with {@code role} or a role above it, any method. */
        Rules allow(Role role, String... patterns);

        /** Callers with {@code role} or a role above it, this method only. */
        Rules allow(Role role, HttpMethod method, String... patterns);
    }
}
