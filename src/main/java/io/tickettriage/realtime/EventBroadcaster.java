package io.tickettriage.realtime;

/**
 * Fans committed changes out to every connected client. The local implementation serves the clients of this
 * process; a broker-backed one (Redis pub/sub) publishes to all instances, each of which hands what it
 * receives to its own {@link LocalClients}.
 */
interface EventBroadcaster {

    /** Sends the event to every client, in the order of calls; never blocks on a slow client. */
    void broadcast(LiveEvent event);
}
