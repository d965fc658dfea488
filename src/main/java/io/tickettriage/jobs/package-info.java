/**
 * Durable background work: jobs recorded with the change that needs them and run at least once, from the database
 * or a Redis stream. Decides whether new tickets are admitted while work is waiting (the ticket module's {@code
 * IntakeAdmission}).
 */
@ApplicationModule(allowedDependencies = {"system", "ticket"})
package io.tickettriage.jobs;

import org.springframework.modulith.ApplicationModule;
