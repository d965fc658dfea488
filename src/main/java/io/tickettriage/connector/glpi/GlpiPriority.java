package io.tickettriage.connector.glpi;

import io.tickettriage.ticket.Priority;

/**
 * GLPI's priority scale (1 very low, 2 low, 3 medium, 4 high, 5 very high, 6 major) against the product's four
 * levels. Reading folds the six into four; writing picks the GLPI level whose name matches.
 */
final class GlpiPriority {

    private GlpiPriority() {
    }

    static Priority read(int glpi) {
        return switch (glpi) {
            case 1, 2 -> Priority.LOW;
            case 4 -> Priority.HIGH;
            case 5, 6 -> Priority.URGENT;
            default -> Priority.MEDIUM;
        };
    }

    static int write(Priority priority) {
        return switch (priority) {
            case LOW -> 2;
            case MEDIUM -> 3;
            case HIGH -> 4;
            case URGENT -> 5;
        };
    }
}
