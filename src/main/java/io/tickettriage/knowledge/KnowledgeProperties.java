package io.tickettriage.knowledge;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the knowledge base.
 *
 * @param dir          folder of team JSON files ({@code TRIAGE_KNOWLEDGE_DIR}), read at start when it exists
 * @param starterSet   whether the examples that ship with the product are loaded ({@code TRIAGE_KNOWLEDGE_STARTER_SET})
 * @param pollInterval how often the database is checked for examples stored by other processes (an import,
 *                     another instance); 0 turns it off ({@code TRIAGE_KNOWLEDGE_POLL_INTERVAL})
 */
@ConfigurationProperties("triage.knowledge")
public record KnowledgeProperties(@DefaultValue("./knowledge") Path dir, @DefaultValue("true") boolean starterSet,
        @DefaultValue("5s") Duration pollInterval) {
}
