/**
 * Outbound webhooks: admins subscribe URLs to the product's events, and each event is delivered to them as a
 * signed HTTP POST. A delivery is a database row written in the same transaction as the change it announces (an
 * outbox), so it exists exactly when the change was committed; any process sharing the database may send it, and a
 * lease on the row makes it the only one that does. Retries, backoff and the pause of a failing subscription live
 * here too.
 */
@ApplicationModule(allowedDependencies = {"access", "comment", "incident", "system", "ticket"})
package io.tickettriage.webhook;

import org.springframework.modulith.ApplicationModule;
