package io.tickettriage.connector.glpi;

/**
 * A GLPI ticket as the connector reads it.
 *
 * @param id          GLPI's ticket id
 * @param title       {@code name}
 * @param description {@code content} as plain text
 * @param status      1 new, 2 processing (assigned), 3 processing (planned), 4 pending, 5 solved, 6 closed
 * @param priority    1 very low .. 5 very high, 6 major
 * @param created     {@code date}, GLPI's local time {@code yyyy-MM-dd HH:mm:ss}
 * @param modified    {@code date_mod}, same format; a change of group or a follow-up moves it as well
 */
record GlpiTicket(long id, String title, String description, int status, int priority, String created,
        String modified) {

    static final int SOLVED = 5;
    static final int CLOSED = 6;

    /** Solved or closed: the ticket's group and priority are final and it can be learned from. */
    boolean finished() {
        return status == SOLVED || status == CLOSED;
    }
}
