package io.tickettriage.incident;

/** A storm of similar tickets was grouped under a new incident. */
public record IncidentDetected(Incident incident) {
}
