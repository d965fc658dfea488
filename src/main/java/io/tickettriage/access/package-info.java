/**
 * Who may do what: API tokens with roles, dashboard sessions, the one-time login link of a first start, and the
 * web security rules that apply them to every request. {@link io.tickettriage.access.Caller#current()} tells
 * other modules who is calling, {@link io.tickettriage.access.CallerResolution} who a live connection belongs to;
 * each module declares who may call its endpoints with an {@link io.tickettriage.access.EndpointAccess}.
 */
@ApplicationModule(allowedDependencies = {"system"})
package io.tickettriage.access;

import org.springframework.modulith.ApplicationModule;
