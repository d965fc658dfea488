/**
 * Live updates for dashboards and integrations: ticket and comment changes pushed over Socket.IO (at
 * {@code /socket.io/}, polling and WebSocket) and Server-Sent Events (at {@code /events}), each after its
 * transaction commits. Fan-out goes through {@code EventBroadcaster}, so that several instances can share
 * events through a broker.
 */
@ApplicationModule(allowedDependencies = {"access", "comment", "incident", "system", "ticket"})
package io.tickettriage.realtime;

import org.springframework.modulith.ApplicationModule;
