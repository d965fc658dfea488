/**
 * Incidents: bursts of similar tickets within a short time, grouped so that agents handle them once.
 */
@ApplicationModule(allowedDependencies = {"knowledge", "system", "ticket"})
package io.tickettriage.incident;

import org.springframework.modulith.ApplicationModule;
