package io.tickettriage.knowledge;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.IntConsumer;

import io.tickettriage.system.AfterCommit;

/**
 * The one way examples enter and leave the knowledge base, whoever brings them (the start-up load, an import,
 * {@code POST /teams}, the learning loop) or takes them away (a reopened, relabelled or deleted ticket): hash,
 * embed once, store, and index after the caller's transaction commits, so the index never shows what the
 * database may still roll back.
 */
final class ExampleIngestion {

    /** What an ingestion did: the examples stored now, and how many texts were known already. */
    record Ingested(List<EmbeddedExample> added, int alreadyKnown) {
    }

    private final ExampleStore store;
    private final EmbeddingModel embeddings;
    private final ExampleIndex index;
    private final Clock clock;

    ExampleIngestion(ExampleStore store, EmbeddingModel embeddings, ExampleIndex index, Clock clock) {
        this.store = store;
        this.embeddings = embeddings;
        this.index = index;
        this.clock = clock;
    }

    /**
     * Stores and indexes the texts that are not stored yet, embedding each once; a text learnt from a ticket
     * before (a knowledge file holds closed tickets too) is known already.
     */
    Ingested ingest(List<LabelledText> texts, IntConsumer progress) {
        Ingested result = store(texts, progress);
        publish(List.of(), result.added());
        return result;
    }

    /** Learns from a ticket: its text replaces whatever was learnt from that ticket before. */
    EmbeddedExample learn(LabelledText text) {
        List<Long> removed = store.deleteByTicket(text.ticketId(), clock.instant());
        EmbeddedExample added = embedAndStore(text, text.contentHash(embeddings.id()));
        publish(removed, List.of(added));
        return added;
    }

    /** Stores without indexing: the load at start indexes everything at once. */
    Ingested store(List<LabelledText> texts, IntConsumer progress) {
        Set<String> known = texts.isEmpty() ? Set.of() : store.hashes(embeddings.id());
        List<EmbeddedExample> added = new ArrayList<>();
        int skipped = 0;
        for (LabelledText text : texts) {
            String hash = text.contentHash(embeddings.id());
            if (!known.add(hash)) {
                skipped++;
                continue;
            }
            added.add(embedAndStore(text, hash));
            progress.accept(added.size());
        }
        return new Ingested(added, skipped);
    }

    /**
     * Embeds with this model the examples stored with another one (after a change of model), in place: ids stay.
     * One this model has already (a starter example stored by both) is left as it is.
     */
    List<EmbeddedExample> reembed(List<Example> examples, IntConsumer progress) {
        Set<String> known = examples.isEmpty() ? Set.of() : store.hashes(embeddings.id());
        List<EmbeddedExample> moved = new ArrayList<>();
        for (Example example : examples) {
            LabelledText text = new LabelledText(example.team(), example.title(), example.description(),
                    example.priority(), example.level(), example.source(), example.ticketId());
            String hash = text.contentHash(embeddings.id());
            if (!known.add(hash)) {
                continue;
            }
            float[] vector = embeddings.embed(TicketText.of(text.title(), text.description()));
            store.reembed(example.id(), hash, embeddings.id(), vector);
            moved.add(new EmbeddedExample(example, vector));
            progress.accept(moved.size());
        }
        return moved;
    }

    private EmbeddedExample embedAndStore(LabelledText text, String hash) {
        float[] vector = embeddings.embed(TicketText.of(text.title(), text.description()));
        return store.insert(text, hash, embeddings.id(), vector, clock.instant());
    }

    /** Removes what was learnt from a ticket; returns the ids of the examples removed. */
    List<Long> retract(long ticketId) {
        List<Long> removed = store.deleteByTicket(ticketId, clock.instant());
        publish(removed, List.of());
        return removed;
    }

    private void publish(List<Long> removed, List<EmbeddedExample> added) {
        if (!removed.isEmpty() || !added.isEmpty()) {
            AfterCommit.run(() -> index.apply(removed, added));
        }
    }
}
