/**
 * Connectors to the helpdesks teams already run (Zammad, GLPI, ...): each helpdesk ticket becomes a product ticket
 * on its own channel, the triage pipeline routes it, and the decision goes back to the helpdesk in shadow, suggest
 * or auto mode; closed helpdesk tickets become examples (the history import) and what agents do in the helpdesk
 * (close, move to another group) is learned like a correction. The seam is {@link
 * io.tickettriage.connector.HelpdeskConnector}, one class per helpdesk in its own sub-package; everything else
 * (tables, intake, polling, webhook endpoint, write-back jobs, health, metrics, shadow figures) is shared.
 */
@ApplicationModule(allowedDependencies = {"access", "jobs", "knowledge", "system", "ticket"})
package io.tickettriage.connector;

import org.springframework.modulith.ApplicationModule;
