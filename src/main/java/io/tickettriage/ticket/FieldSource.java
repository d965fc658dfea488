package io.tickettriage.ticket;

/** Who last set a routed field. The engine only fills fields that nobody chose. */
enum FieldSource {
    DEFAULT, REQUESTER, ENGINE, AGENT;

    String column() {
        return name().toLowerCase();
    }
}
