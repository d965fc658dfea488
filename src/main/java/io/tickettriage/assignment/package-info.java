/**
 * From team to person: agent profiles (teams, availability, maximum open tickets), each team's assignment policy
 * ({@code round_robin}, {@code least_loaded}, {@code expertise} or {@code none}), and the service-level targets per
 * priority that give tickets their due times. After a ticket is routed to a team it is given to one of the team's
 * agents; when nobody can take it, it waits in the team's queue until someone can. Service levels are watched by
 * a periodic check that announces warnings and breaches once, whichever process sees them first.
 */
@ApplicationModule(allowedDependencies = {"access", "comment", "knowledge", "system", "ticket"})
package io.tickettriage.assignment;

import org.springframework.modulith.ApplicationModule;
