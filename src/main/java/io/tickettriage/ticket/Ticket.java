package io.tickettriage.ticket;

import java.time.Instant;
import java.util.List;

import io.tickettriage.access.Caller;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

import tools.jackson.databind.annotation.JsonSerialize;

/**
 * A support ticket as clients see it. The first ten fields are the original design's contract and are
 * never renamed or removed.
 *
 * @param assignedTo    a team, {@link #MANUAL_REVIEW}, or {@code ""} while pending
 * @param confidence    calibrated probability that {@code assignedTo} is right; 0.0 while pending and when no
 *                      calibrated probability exists (triage failed, or the LLM decided), because clients of
 *                      the original design format it as a number. JSON carries it rounded to 4 decimals.
 * @param triageReason  why the engine decided as it did, in words (always set for Manual Review)
 * @param possibleDuplicates open tickets that read almost the same, found at triage; a requester sees only those
 *                      among their own tickets ({@link #asSeenByItsRequester()})
 * @param incidentId    the incident this ticket was grouped under, when many similar tickets arrived together
 * @param createdBy     the name of the caller who created it; requesters see only their own tickets
 * @param bestGuess     for a ticket in Manual Review that the engine scored: the team it would have chosen, whose
 *                      calibrated probability {@code confidence} is; null for every other ticket
 * @param requestedPriority the priority the requester stated at creation, if any; the engine decides
 *                      {@code priority} when it routes, and an agent may change it
 * @param requestedLevel the tier the requester stated at creation, if any, likewise
 * @param channel       where the ticket came from: {@link #CHANNEL_API} (the REST API and the dashboard) or
 *                      {@link #CHANNEL_EMAIL} (the support mailbox)
 * @param requesterEmail the address a ticket that came by e-mail was sent from, which replies and
 *                      notifications are matched against; null for other channels
 * @param assignee      the agent working on the ticket, or null while it waits in its team's queue (or its team
 *                      assigns nobody)
 * @param assignmentReason why {@code assignee} was chosen, in words: the team's policy and, for expertise, the
 *                      similar past tickets the agent closed; or who assigned the ticket by hand
 * @param firstResponseDue when the first public answer of an agent is due, from the service-level targets for the
 *                      ticket's priority; null for tickets created before targets existed
 * @param resolutionDue when the ticket should be closed, likewise
 * @param firstResponseAt when an agent first answered with a public comment; null until then
 * @param slaBreached   whether a target was missed: the first response or the resolution came (or is still
 *                      missing) after its due time
 */
public record Ticket(
        long id,
        String title,
        String description,
        Instant createdAt,
        Instant updatedAt,
        Priority priority,
        Level level,
        String assignedTo,
        @JsonSerialize(using = RoundedConfidence.class) double confidence,
        TicketStatus status,
        @Nullable String triageReason,
        @Nullable Instant closedAt,
        List<PossibleDuplicate> possibleDuplicates,
        @Nullable Long incidentId,
        @Nullable String createdBy,
        @Nullable String bestGuess,
        @Nullable Priority requestedPriority,
        @Nullable Level requestedLevel,
        String channel,
        @Nullable String requesterEmail,
        @Nullable String assignee,
        @Nullable String assignmentReason,
        @Nullable Instant firstResponseDue,
        @Nullable Instant resolutionDue,
        @Nullable Instant firstResponseAt,
        boolean slaBreached) {

    public static final String MANUAL_REVIEW = "Manual Review";
    public static final String CHANNEL_API = "api";
    public static final String CHANNEL_EMAIL = "email";

    /**
     * The language the ticket is written in, as an ISO 639-1 code ({@code en}, {@code de}, {@code fr} or
     * {@code es}), or null when its text is too short or too mixed to tell. Told from the text whenever the ticket
     * is written out, so it is never stored and never stale.
     */
    @JsonProperty("language")
    @Schema(description = "the language the ticket is written in (ISO 639-1: en, de, fr or es), or null when its "
            + "text is too short or too mixed to tell", nullable = true, example = "de",
            accessMode = Schema.AccessMode.READ_ONLY)
    public @Nullable String language() {
        return TicketLanguage.detect(title, description);
    }

    /**
     * The ticket as its requester may see it: duplicates among the requester's own tickets only, since the ids of
     * other people's tickets that read the same would tell what those people asked.
     */
    public Ticket asSeenByItsRequester() {
        List<PossibleDuplicate> own = possibleDuplicates.stream()
                .filter(duplicate -> createdBy != null && createdBy.equals(duplicate.createdBy()))
                .toList();
        if (own.size() == possibleDuplicates.size()) {
            return this;
        }
        return new Ticket(id, title, description, createdAt, updatedAt, priority, level, assignedTo, confidence,
                status, triageReason, closedAt, own, incidentId, createdBy, bestGuess, requestedPriority,
                requestedLevel, channel, requesterEmail, assignee, assignmentReason, firstResponseDue, resolutionDue,
                firstResponseAt, slaBreached);
    }

    /** The ticket as {@code caller} may see it: whole for agents, {@link #asSeenByItsRequester()} for requesters. */
    public Ticket asSeenBy(Caller caller) {
        return caller.isAgent() ? this : asSeenByItsRequester();
    }
}
