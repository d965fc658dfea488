/**
 * The classification pipeline: text to vector to similar examples to the calibrated classifiers, thresholds and
 * the optional LLM stage; the evaluation command.
 */
@ApplicationModule(allowedDependencies = {"access", "assignment", "incident", "jobs", "knowledge", "llm", "system",
        "ticket"})
package io.tickettriage.triage;

import org.springframework.modulith.ApplicationModule;
