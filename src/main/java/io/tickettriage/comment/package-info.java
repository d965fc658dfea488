/**
 * Comments on tickets, public and internal (agents only), with the rules of who may read and write them.
 */
@ApplicationModule(allowedDependencies = {"access", "system", "ticket"})
package io.tickettriage.comment;

import org.springframework.modulith.ApplicationModule;
