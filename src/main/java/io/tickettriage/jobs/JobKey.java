package io.tickettriage.jobs;

/** Names a job independently of its row: at most one job of a type waits for a subject. */
record JobKey(String type, long subjectId) {
}
