/**
 * Labelled examples, their vectors and the similarity index; the starter set, imports, the per-team knowledge
 * files and the learning loop from closed and corrected tickets.
 */
@ApplicationModule(allowedDependencies = {"access", "jobs", "system", "ticket"})
package io.tickettriage.knowledge;

import org.springframework.modulith.ApplicationModule;
