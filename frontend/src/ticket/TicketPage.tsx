import { useCallback, useEffect, useState } from 'react';
import { api, ApiError } from '../api/client';
import { MANUAL_REVIEW, type Explanation, type Ticket } from '../api/types';
import { useLiveEvent } from '../live/LiveUpdates';
import { StatusBadge, PriorityBadge } from '../ui/Badges';
import { ConfidenceMeter } from '../ui/Confidence';
import { formatDate } from '../ui/format';
import { Link } from '../ui/router';
import { ErrorState, Loading } from '../ui/States';
import { AgentActions } from './AgentActions';
import { CommentsPanel } from './CommentsPanel';
import { ExplanationPanel } from './ExplanationPanel';
import { HistoryPanel } from './HistoryPanel';
import { RelatedPanel } from './RelatedPanel';

type Load =
  | { state: 'loading' }
  | { state: 'missing' }
  | { state: 'failed'; message: string }
  | { state: 'ready'; ticket: Ticket };

async function loadTicket(id: number): Promise<Load> {
  try {
    return { state: 'ready', ticket: await api.getTicket(id) };
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return { state: 'missing' };
    return { state: 'failed', message: e instanceof Error ? e.message : 'The ticket could not be loaded.' };
  }
}

/**
 * What the requester stated, where the engine (or an agent) set something else: "priority Medium (now High)".
 * Null when nothing was stated or nothing differs.
 */
function requestedText(ticket: Ticket): string | null {
  const parts = [
    ticket.requested_priority && ticket.requested_priority !== ticket.priority
      ? `priority ${ticket.requested_priority} (now ${ticket.priority})`
      : null,
    ticket.requested_level && ticket.requested_level !== ticket.level
      ? `tier ${ticket.requested_level} (now ${ticket.level})`
      : null,
  ].filter((part) => part !== null);
  return parts.length ? parts.join(', ') : null;
}

export function TicketPage({ id }: { id: number }) {
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [deleted, setDeleted] = useState(false);
  const [explanation, setExplanation] = useState<Explanation | null>(null);

  const fetchTicket = useCallback(() => loadTicket(id).then(setLoad), [id]);

  useEffect(() => {
    void fetchTicket();
  }, [fetchTicket]);

  const ticket = load.state === 'ready' ? load.ticket : null;
  const triaged = ticket !== null && ticket.status !== 'pending';
  const decisionKey = ticket ? `${ticket.status === 'pending'}:${ticket.assigned_to}` : '';

  // The explanation exists once the engine has decided; fetch it then, and again if the decision changes.
  useEffect(() => {
    if (!triaged) return;
    let active = true;
    api.explanation(id).then(
      (found) => active && setExplanation(found),
      () => active && setExplanation(null),
    );
    return () => {
      active = false;
    };
  }, [id, triaged, decisionKey]);

  const onTicket = (incoming: Ticket) => {
    if (incoming.id !== id) return;
    setLoad((current) =>
      current.state === 'ready' && Date.parse(incoming.updated_at) < Date.parse(current.ticket.updated_at)
        ? current
        : { state: 'ready', ticket: incoming },
    );
  };
  useLiveEvent('ticket_routed', onTicket);
  useLiveEvent('ticket_updated', onTicket);
  useLiveEvent('ticket_deleted', (event) => event.id === id && setDeleted(true));
  useLiveEvent('resync', () => void fetchTicket());
  // an agent's first public answer is the ticket's first response: read the ticket again to show it
  useLiveEvent('new_comment', (comment) => comment.ticket_id === id && void fetchTicket());

  if (deleted) {
    return (
      <section className="state">
        <h1>Ticket #{id} was deleted</h1>
        <p>
          It no longer exists. <Link href="/">Back to the board</Link>
        </p>
      </section>
    );
  }
  if (load.state === 'loading') return <Loading what={`ticket #${id}`} />;
  if (load.state === 'missing') {
    return (
      <section className="state">
        <h1>No ticket #{id}</h1>
        <p>
          It may have been deleted, or the link is wrong. <Link href="/">Back to the board</Link>
        </p>
      </section>
    );
  }
  if (load.state === 'failed') return <ErrorState message={load.message} onRetry={() => void fetchTicket()} />;

  const t = load.ticket;
  const requested = requestedText(t);
  // After an agent reassigns a ticket the stored confidence still describes the engine's own choice.
  const overruled =
    !!explanation?.preferred_team && t.assigned_to !== explanation.preferred_team && t.assigned_to !== MANUAL_REVIEW;
  return (
    <article className="ticket-page" data-testid="ticket-detail" data-status={t.status}>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href="/">Board</Link> <span aria-hidden="true">/</span> Ticket #{t.id}
      </nav>
      <header className="ticket-header">
        <h1>
          <span className="card-id">#{t.id}</span> {t.title}
        </h1>
        <div className="ticket-badges">
          <StatusBadge status={t.status} assignedTo={t.assigned_to} />
          <PriorityBadge priority={t.priority} />
          <span className="tag">{t.level}</span>
        </div>
      </header>
      <div className="ticket-grid">
        <div className="ticket-main">
          <section className="panel" aria-labelledby="description-heading">
            <h2 id="description-heading">Description</h2>
            {t.description ? <p className="description">{t.description}</p> : <p className="subtle">No description.</p>}
          </section>
          <section className="panel" aria-labelledby="routing-heading">
            <h2 id="routing-heading">Routing</h2>
            <dl className="facts">
              <dt>Team</dt>
              <dd data-testid="assigned-to">{t.assigned_to || <span className="subtle">not yet routed</span>}</dd>
              <dt>{overruled ? `Engine's confidence for ${explanation?.preferred_team}` : 'Confidence'}</dt>
              <dd>
                {t.status === 'pending' ? (
                  <span className="subtle">Triaging…</span>
                ) : (
                  <ConfidenceMeter confidence={t.confidence} />
                )}
                {t.assigned_to === MANUAL_REVIEW && t.best_guess && (
                  <span className="subtle confidence-note" data-testid="best-guess">
                    for the best guess, {t.best_guess}
                  </span>
                )}
                {overruled && (
                  <span className="subtle confidence-note">
                    The engine's, for {explanation?.preferred_team}, before an agent's change
                  </span>
                )}
              </dd>
              {t.triage_reason && (
                <>
                  <dt>Reason</dt>
                  <dd>{t.triage_reason}</dd>
                </>
              )}
              {requested && (
                <>
                  <dt>Requested</dt>
                  <dd data-testid="requested">{requested}</dd>
                </>
              )}
              <dt>Assignee</dt>
              <dd data-testid="ticket-assignee">
                {t.assignee ?? <span className="subtle">nobody yet</span>}
                {t.assignee && t.assignment_reason && (
                  <span className="subtle confidence-note">{t.assignment_reason}</span>
                )}
              </dd>
            </dl>
            {triaged && <ExplanationPanel explanation={explanation} />}
          </section>
          <RelatedPanel ticket={t} />
          <CommentsPanel ticketId={t.id} />
        </div>
        <aside className="ticket-side">
          <AgentActions ticket={t} onChanged={onTicket} />
          <HistoryPanel ticket={t} />
          <section className="panel" aria-labelledby="dates-heading">
            <h2 id="dates-heading">Dates</h2>
            <dl className="facts">
              <dt>Created</dt>
              <dd>{formatDate(t.created_at)}</dd>
              {t.first_response_due && (
                <>
                  <dt>First response</dt>
                  <dd data-testid="first-response">
                    {t.first_response_at
                      ? `answered ${formatDate(t.first_response_at)}`
                      : `due ${formatDate(t.first_response_due)}`}
                  </dd>
                </>
              )}
              {t.resolution_due && (
                <>
                  <dt>Resolution due</dt>
                  <dd data-testid="resolution-due">
                    {formatDate(t.resolution_due)}
                    {t.sla_breached && (
                      <span className="tag breached" data-testid="sla-breached">
                        SLA breached
                      </span>
                    )}
                  </dd>
                </>
              )}
              {t.created_by && t.created_by !== t.requester_email && (
                <>
                  <dt>Created by</dt>
                  <dd data-testid="created-by">{t.created_by}</dd>
                </>
              )}
              <dt>Channel</dt>
              <dd data-testid="channel">{channelName(t.channel)}</dd>
              {t.requester_email && (
                <>
                  <dt>Requester</dt>
                  <dd data-testid="requester-email">
                    <a href={`mailto:${t.requester_email}`}>{t.requester_email}</a>
                  </dd>
                </>
              )}
              <dt>Updated</dt>
              <dd>{formatDate(t.updated_at)}</dd>
              {t.closed_at && (
                <>
                  <dt>Closed</dt>
                  <dd>{formatDate(t.closed_at)}</dd>
                </>
              )}
            </dl>
          </section>
        </aside>
      </div>
    </article>
  );
}

/** Where a ticket came from, in words: the API, the mailbox, or a helpdesk connector (its channel is its name). */
const CHANNELS: Record<string, string> = { api: 'API / dashboard', email: 'E-mail', zammad: 'Zammad', glpi: 'GLPI' };

function channelName(channel: string): string {
  return CHANNELS[channel] ?? channel;
}
