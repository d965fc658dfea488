package io.tickettriage.llm;

import java.util.Locale;
import java.util.function.Supplier;

import tools.jackson.databind.node.ObjectNode;

/**
 * What the server has shown it accepts. Requests start with structured outputs ({@code json_schema}, strict);
 * a server that refuses them gets {@code json_object}, then no response format at all, and one that refuses a
 * temperature gets none. The reply is validated the same way in every case; only the server's help varies.
 */
final class ResponseFormat {

    enum Level { JSON_SCHEMA, JSON_OBJECT, TEXT }

    private volatile Level level = Level.JSON_SCHEMA;
    private volatile boolean temperature = true;

    Level level() {
        return level;
    }

    boolean temperature() {
        return temperature;
    }

    void apply(ObjectNode body, Supplier<ObjectNode> schema) {
        switch (level) {
            case JSON_SCHEMA -> body.putObject("response_format").put("type", "json_schema")
                    .putObject("json_schema").put("name", "ticket_triage").put("strict", true)
                    .set("schema", schema.get());
            case JSON_OBJECT -> body.putObject("response_format").put("type", "json_object");
            case TEXT -> {
                // The prompt alone asks for JSON.
            }
        }
    }

    /**
     * Gives up one thing the server's error names; false when it names nothing that can be given up, and the
     * request should not be repeated.
     */
    synchronized boolean relaxAfter(String errorBody) {
        String error = errorBody.toLowerCase(Locale.ROOT);
        if (temperature && error.contains("temperature")) {
            temperature = false;
            return true;
        }
        boolean aboutFormat = error.contains("response_format") || error.contains("json_schema")
                || error.contains("json_object") || error.contains("structured output");
        if (aboutFormat && level != Level.TEXT) {
            level = level == Level.JSON_SCHEMA ? Level.JSON_OBJECT : Level.TEXT;
            return true;
        }
        return false;
    }
}
