package io.tickettriage.connector;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import io.tickettriage.knowledge.Example;
import io.tickettriage.knowledge.KnowledgeBase;
import io.tickettriage.knowledge.KnowledgeBase.NewExample;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The cold start, {@code import --<connector> URL}: the helpdesk's closed tickets, page by page, become labelled
 * examples whose team is the helpdesk's group (title and first article or description as the text, the final
 * priority). Each page's examples and the rows that mark its tickets as imported commit together, so a re-run, or a
 * run after a failure, reads only tickets not imported yet; the text of known ones is never fetched again. With a
 * hold-out folder, the helpdesk's whole imported history is written as two CSV files (four fifths to train on, one
 * fifth to score) for {@code eval}.
 */
@Service
public class HistoryImport {

    private final ConnectorRegistry connectors;
    private final ConnectorStore store;
    private final KnowledgeBase knowledge;
    private final ConnectorMetrics metrics;
    private final TransactionTemplate transactions;
    private final Clock clock;

    HistoryImport(ConnectorRegistry connectors, ConnectorStore store, KnowledgeBase knowledge, ConnectorMetrics metrics,
            PlatformTransactionManager transactionManager, Clock clock) {
        this.connectors = connectors;
        this.store = store;
        this.knowledge = knowledge;
        this.metrics = metrics;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /**
     * Imports {@code connectorName}'s history and prints a line per page; returns the exit code (0 done, 1 failed).
     *
     * @param holdout a folder for {@code <connector>-history-train.csv} and {@code <connector>-history-test.csv}, or
     *                null
     */
    public int run(String connectorName, @Nullable Path holdout, PrintStream out) throws InterruptedException {
        HelpdeskConnector connector = connectors.find(connectorName).orElse(null);
        if (connector == null || !connector.enabled()) {
            out.println("import failed: the " + connectorName + " connector is not configured");
            return 1;
        }
        if (!knowledge.awaitReady(Duration.ofMinutes(10))) {
            out.println("import failed: the knowledge base did not load");
            return 1;
        }
        out.println("Importing closed tickets from " + connector.name() + " at " + connector.location());
        long start = System.nanoTime();
        int imported = 0;
        int seen = 0;
        int page = 1;
        try {
            for (;; page++) {
                List<HelpdeskTicket> tickets = connector.closedTickets(page);
                if (tickets.isEmpty()) {
                    break;
                }
                seen += tickets.size();
                Set<String> known = store.known(connector.name(),
                        tickets.stream().map(HelpdeskTicket::externalId).toList());
                List<HelpdeskTicket> fresh = new ArrayList<>();
                for (HelpdeskTicket ticket : tickets) {
                    if (!known.contains(ticket.externalId())) {
                        fresh.add(ticket.description() == null ? connector.withDescription(ticket) : ticket);
                    }
                }
                int added = Objects.requireNonNull(transactions.execute(status -> store(connector, fresh)));
                imported += added;
                metrics.imported(connector.name(), added);
                out.printf(Locale.ROOT, "  page %d: %d closed tickets, %d new (%d imported before); %,d examples "
                        + "added so far%n", page, tickets.size(), fresh.size(), tickets.size() - fresh.size(), imported);
            }
        } catch (HelpdeskException e) {
            metrics.failure(connector.name(), "import", e.kind());
            out.printf(Locale.ROOT, "import failed on page %d: %s%nThe pages before are kept; run the import again "
                    + "to go on.%n", page, e.getMessage());
            return 1;
        }
        out.printf(Locale.ROOT, "imported %,d new examples from %,d closed tickets in %.1f s; the knowledge base now "
                + "holds %,d examples in %d teams%n", imported, seen, (System.nanoTime() - start) / 1e9,
                knowledge.size(), knowledge.teams().size());
        if (holdout != null) {
            try {
                writeHoldout(connector, holdout, out);
            } catch (IOException e) {
                out.println("import done, but the hold-out files could not be written: " + e.getMessage());
                return 1;
            }
        }
        return 0;
    }

    /** Stores a page's new tickets as examples and marks them imported; returns how many examples were new. */
    private int store(HelpdeskConnector connector, List<HelpdeskTicket> fresh) {
        List<NewExample> examples = new ArrayList<>();
        for (HelpdeskTicket ticket : fresh) {
            // Without a group there is no team to learn; the ticket is marked all the same, so it is not read again.
            if (ticket.group() != null && !ticket.group().isBlank() && !ticket.title().isBlank()) {
                examples.add(new NewExample(ticket.group().strip(), ticket.title(),
                        ticket.description() == null ? "" : ticket.description(),
                        connector.priority(ticket.priority()).orElse(null), null));
            }
            store.insertHistory(connector.name(), ticket, clock.instant());
        }
        return examples.isEmpty() ? 0 : knowledge.addExamples(examples, connector.name());
    }

    private void writeHoldout(HelpdeskConnector connector, Path folder, PrintStream out) throws IOException {
        Files.createDirectories(folder);
        Path train = folder.resolve(connector.name() + "-history-train.csv");
        Path test = folder.resolve(connector.name() + "-history-test.csv");
        int trained = 0;
        int held = 0;
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader("title", "description", "team", "priority").get();
        try (Writer trainOut = Files.newBufferedWriter(train, StandardCharsets.UTF_8);
                Writer testOut = Files.newBufferedWriter(test, StandardCharsets.UTF_8);
                CSVPrinter trainCsv = new CSVPrinter(trainOut, format);
                CSVPrinter testCsv = new CSVPrinter(testOut, format)) {
            for (Example example : knowledge.examples()) {
                if (!connector.name().equals(example.source())) {
                    continue;
                }
                // every fifth example by id, a split that stays the same from one run to the next
                boolean heldOut = example.id() % 5 == 0;
                (heldOut ? testCsv : trainCsv).printRecord(example.title(), example.description(), example.team(),
                        example.priority() == null ? "" : example.priority().label());
                if (heldOut) {
                    held++;
                } else {
                    trained++;
                }
            }
        }
        out.printf(Locale.ROOT, "hold-out: %,d examples to train on in %s, %,d to score in %s; expected precision and "
                + "coverage:%n  ticket-triage eval --train %s --test %s --text title,description --label team "
                + "--priority priority%n", trained, train, held, test, train, test);
    }
}
