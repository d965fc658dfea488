package io.tickettriage.system;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Drops the NUL character (JSON's {@code \u0000}) from every text a request body carries. PostgreSQL cannot store it in
 * a text column and SQLite can, so without this the same ticket was saved on one database and failed with a server
 * error on the other. The original system (on SQLite) accepted such tickets, so its clients' are accepted here too,
 * without the character, which no screen shows; a title of nothing else is then blank and refused as blank. Tickets
 * and comments from the mailbox and the helpdesk connectors drop it where they are created.
 */
final class NulFreeText extends StringDeserializer {

    /** Registered with the application's JSON mapper ({@link SystemConfiguration}). */
    static SimpleModule module() {
        return new SimpleModule("nul-free-text").addDeserializer(String.class, new NulFreeText());
    }

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) {
        return StorableText.withoutNul(super.deserialize(parser, context));
    }
}
