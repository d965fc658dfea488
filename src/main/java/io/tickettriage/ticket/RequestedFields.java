package io.tickettriage.ticket;

import io.tickettriage.system.InvalidFieldException;
import io.tickettriage.ticket.TicketManagement.AgentChange;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The fields of a request that creates or changes a ticket, read and checked before anything is written: a value
 * that is not acceptable is a problem that names its field.
 */
@Component
class RequestedFields {

    private final TeamCatalog teams;
    private final ObjectProvider<AssigneeCheck> assignees;

    RequestedFields(TeamCatalog teams, ObjectProvider<AssigneeCheck> assignees) {
        this.teams = teams;
        this.assignees = assignees;
    }

    /**
     * An agent's change as read: null where a field is left as it is; {@code assignee} {@code ""} returns the
     * ticket to its team's queue.
     *
     * @param by who made the change, {@code agent} when the request does not say
     */
    record ReadChange(@Nullable String team, @Nullable Priority priority, @Nullable Level level,
            @Nullable String assignee, String by) {
    }

    /** Reads an agent's change; a change that names no field at all is refused. */
    ReadChange change(AgentChange change) {
        String team = change.team() == null ? null : teams.requireTicketTeam(change.team(), "assigned_to");
        Priority priority = change.priority() == null ? null : priority(change.priority());
        Level level = change.level() == null ? null : level(change.level());
        String assignee = change.assignee() == null ? null : assignee(change.assignee());
        if (team == null && priority == null && level == null && assignee == null) {
            throw new InvalidFieldException("assigned_to",
                    "Give at least one of assigned_to, priority, level or assignee");
        }
        String by = change.changedBy() == null || change.changedBy().isBlank() ? "agent" : change.changedBy().strip();
        return new ReadChange(team, priority, level, assignee, by);
    }

    static Priority priority(String value) {
        return Priority.parse(value).orElseThrow(() -> new InvalidFieldException("priority",
                "Unknown priority '" + value + "'; use Low, Medium, High or Urgent"));
    }

    static Level level(String value) {
        return Level.parse(value).orElseThrow(() -> new InvalidFieldException("level",
                "Unknown level '" + value + "'; use Tier 1, Tier 2 or Tier 3"));
    }

    private String assignee(String value) {
        String name = value.strip();
        if (name.isEmpty()) {
            return name;
        }
        AssigneeCheck check = assignees.getIfAvailable();
        if (check != null) {
            check.refusal(name).ifPresent(reason -> {
                throw new InvalidFieldException("assignee", reason);
            });
        }
        return name;
    }
}
