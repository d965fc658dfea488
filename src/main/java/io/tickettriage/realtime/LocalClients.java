package io.tickettriage.realtime;

/** The clients of one transport connected to this process: Socket.IO sockets or SSE streams. */
interface LocalClients {

    /** Queues the event for each client. Called from one thread at a time, in event order. */
    void deliver(LiveEvent event);
}
