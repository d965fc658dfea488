/**
 * The command line of the jar: {@code token}, {@code import}, {@code eval} (and the launcher's
 * {@code training-run}), parsed by picocli with one syntax for all ({@code --name value} or {@code --name=value},
 * {@code --help} on each). Arguments are checked before anything starts, so a typo costs no start-up.
 * Exit codes: 0 done, 1 the command ran and failed, 2 the command line is wrong.
 */
@ApplicationModule(allowedDependencies = {"access", "connector", "knowledge", "system", "triage"})
package io.tickettriage.cli;

import org.springframework.modulith.ApplicationModule;
