import { MANUAL_REVIEW, type Ticket } from '../api/types';
import { ConfidenceMeter } from '../ui/Confidence';
import { ago, due, percent } from '../ui/format';
import { Link } from '../ui/router';
import { PriorityBadge } from '../ui/Badges';

export function TicketCard({ ticket }: { ticket: Ticket }) {
  return (
    <article className="card" data-testid="ticket-card" data-ticket-id={ticket.id} data-status={ticket.status}>
      <Link href={`/ticket/${ticket.id}`} className="card-link">
        <span className="card-id">#{ticket.id}</span> {ticket.title}
      </Link>
      <div className="card-meta">
        <PriorityBadge priority={ticket.priority} />
        <span className="tag">{ticket.level}</span>
        {ticket.assigned_to && <span className="tag team">{ticket.assigned_to}</span>}
        {typeof ticket.incident_id === 'number' && (
          <span className="tag incident-tag">Incident #{ticket.incident_id}</span>
        )}
        {(ticket.possible_duplicates?.length ?? 0) > 0 && <span className="tag">Possible duplicate</span>}
        {ticket.assignee && (
          <span className="tag assignee" data-testid="assignee">
            {ticket.assignee}
          </span>
        )}
        <DueTag ticket={ticket} />
      </div>
      {ticket.status === 'routed' && ticket.assigned_to === MANUAL_REVIEW && ticket.triage_reason && (
        <p className="card-reason">{ticket.triage_reason}</p>
      )}
      <div className="card-foot">
        {ticket.status === 'pending' ? (
          <span className="subtle">Triaging…</span>
        ) : ticket.assigned_to === MANUAL_REVIEW && ticket.best_guess ? (
          // the score of a ticket no team was confident enough for is the score of the engine's best guess
          <span className="best-guess" data-testid="best-guess">
            best guess: {ticket.best_guess}, {percent(ticket.confidence)}
          </span>
        ) : (
          <ConfidenceMeter confidence={ticket.confidence} compact />
        )}
        <time className="subtle" dateTime={ticket.created_at}>
          {ago(ticket.created_at)}
        </time>
      </div>
    </article>
  );
}

/** When the ticket must be resolved: breached tickets are marked whatever their due time says. */
function DueTag({ ticket }: { ticket: Ticket }) {
  if (ticket.status === 'closed') return null;
  if (ticket.sla_breached) {
    return (
      <span className="tag breached" data-testid="sla-breached">
        SLA breached
      </span>
    );
  }
  if (!ticket.resolution_due) return null;
  return (
    <time className="tag due" dateTime={ticket.resolution_due} data-testid="due">
      {due(ticket.resolution_due)}
    </time>
  );
}
