package io.tickettriage.jobs;

/** A claimed job. */
record Job(long id, String type, long subjectId, int attempts) {
}
