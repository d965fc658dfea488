import { useEffect, useState } from 'react';
import { api } from '../api/client';
import type { Correction, Ticket } from '../api/types';
import { isAgent, useCaller } from '../auth/Session';
import { formatDate } from '../ui/format';

const FIELDS: Record<string, string> = { assigned_to: 'team', priority: 'priority', level: 'tier' };

/** One correction in words: "alice changed the team from Hardware Team to Security Team". */
export function correctionText(correction: Correction): string {
  const field = FIELDS[correction.field] ?? correction.field.replace(/_/g, ' ');
  const from = correction.old_value ? ` from ${correction.old_value}` : '';
  return `${correction.changed_by} changed the ${field}${from} to ${correction.new_value}`;
}

/** Who created the ticket and, for agents, every correction agents made to it since, oldest first. */
export function HistoryPanel({ ticket }: { ticket: Ticket }) {
  const agent = isAgent(useCaller());
  const [answer, setAnswer] = useState<{ updatedAt: string; corrections: Correction[] | null } | null>(null);

  // A change (here or by another agent, announced live) moves updated_at: the history is read again then.
  useEffect(() => {
    if (!agent) return;
    let active = true;
    api.corrections(ticket.id).then(
      (corrections) => active && setAnswer({ updatedAt: ticket.updated_at, corrections }),
      () => active && setAnswer({ updatedAt: ticket.updated_at, corrections: null }),
    );
    return () => {
      active = false;
    };
  }, [agent, ticket.id, ticket.updated_at]);

  const corrections = answer?.corrections;
  return (
    <section className="panel" aria-labelledby="history-heading" data-testid="history">
      <h2 id="history-heading">History</h2>
      <ol className="history">
        <li>
          <span>Created{ticket.created_by ? ` by ${ticket.created_by}` : ''}</span>{' '}
          <time className="subtle" dateTime={ticket.created_at}>
            {formatDate(ticket.created_at)}
          </time>
        </li>
        {corrections?.map((correction, index) => (
          <li key={index} data-testid="correction">
            <span>{correctionText(correction)}</span>{' '}
            <time className="subtle" dateTime={correction.created_at}>
              {formatDate(correction.created_at)}
            </time>
          </li>
        ))}
      </ol>
      {answer && corrections === null && <p className="subtle">The corrections could not be loaded.</p>}
    </section>
  );
}
