/**
 * Live updates for dashboards and integrations: ticket and comment changes pushed over Socket.IO (at
 * {@code /socket.io/}, polling and WebSocket) and Server-Sent Events (at {@code /events}), each after its
 * transaction commits. Fan-out goes through {@code EventBroadcaster}, so that several instances can share
 * events through a broker.
 */
package io.tickettriage.realtime;
