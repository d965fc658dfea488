import { MANUAL_REVIEW, type Ticket } from '../api/types';
import { ConfidenceMeter } from '../ui/Confidence';
import { ago, percent } from '../ui/format';
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
