/**
 * The web dashboard: serves the single-page application built from {@code frontend/} and makes its
 * client-side addresses survive a reload. It calls no other module; the browser talks to the REST API and
 * the real-time events like any other client.
 */
package io.tickettriage.dashboard;
