/**
 * The web dashboard: serves the single-page application built from {@code frontend/} and makes its
 * client-side addresses survive a reload. It uses the access module only to declare its pages open to everyone;
 * the browser talks to the REST API and the real-time events like any other client.
 */
@ApplicationModule(allowedDependencies = {"access"})
package io.tickettriage.dashboard;

import org.springframework.modulith.ApplicationModule;
