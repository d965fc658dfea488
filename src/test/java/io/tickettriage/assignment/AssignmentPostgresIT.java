package io.tickettriage.assignment;

import io.tickettriage.support.TestDatabases;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * Assignment on PostgreSQL, where the concurrent scenarios are truly concurrent: each thread has its own connection,
 * as each worker process of a scaled-out installation would, so they show that the row locks and conditional
 * updates, not a lock in this JVM, keep a ticket from being assigned twice and an agent below their maximum.
 */
@SpringBootTest(properties = {"triage.auth=none", "triage.role=api", "DATABASE_URL=${assignment.it.database-url}",
        "triage.knowledge.dir=target/knowledge-${random.uuid}", "triage.knowledge.index.dir=target/index-${random.uuid}"})
@Import(AssignmentScenarios.Listening.class)
class AssignmentPostgresIT extends AssignmentScenarios {

    static {
        System.setProperty("assignment.it.database-url", TestDatabases.postgresUrl());
    }
}
