/**
 * The optional language-model stage: an OpenAI-compatible endpoint asked to check the local decision, with a
 * strict reply format, retries and a circuit breaker.
 */
@ApplicationModule(allowedDependencies = {"system", "ticket"})
package io.tickettriage.llm;

import org.springframework.modulith.ApplicationModule;
