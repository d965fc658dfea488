/**
 * The ticket lifecycle and its store, the source of truth for labels; publishes what changed as events.
 */
@ApplicationModule(allowedDependencies = {"access", "system"})
package io.tickettriage.ticket;

import org.springframework.modulith.ApplicationModule;
