package io.tickettriage.ticket;

/**
 * Whether a new ticket may be taken in now, asked before anything is stored: every accepted ticket starts work
 * in the background, and the module that runs that work knows how much is waiting.
 */
public interface IntakeAdmission {

    /**
     * @param requester who creates the ticket (the caller's name)
     */
    Decision admit(String requester);

    enum Decision {
        ADMITTED,
        /** The work waiting for all requesters has reached its bound: refused with 503 until it drains. */
        BACKLOG_FULL,
        /** This requester's tickets hold their share of the waiting work: refused with 429, others go on. */
        REQUESTER_SHARE_FULL
    }
}
