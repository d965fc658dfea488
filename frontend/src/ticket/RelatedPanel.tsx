import { useEffect, useState } from 'react';
import { api } from '../api/client';
import type { Incident, Ticket } from '../api/types';
import { formatDate, percent } from '../ui/format';
import { Link } from '../ui/router';

/** Possible duplicates and the incident group, shown when the server found any. */
export function RelatedPanel({ ticket }: { ticket: Ticket }) {
  const duplicates = ticket.possible_duplicates;
  const incidentId = ticket.incident_id;
  if (duplicates.length === 0 && incidentId === null) return null;
  return (
    <section className="panel" aria-labelledby="related-heading" data-testid="related">
      <h2 id="related-heading">Related tickets</h2>
      {incidentId !== null && <IncidentNote id={incidentId} ticketId={ticket.id} />}
      {duplicates.length > 0 && (
        <>
          <h3>Possible duplicates</h3>
          <ul className="duplicates">
            {duplicates.map((duplicate) => (
              <li key={duplicate.id}>
                <Link href={`/ticket/${duplicate.id}`}>Ticket #{duplicate.id}</Link>{' '}
                <span className="subtle">similarity {percent(duplicate.similarity)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function IncidentNote({ id, ticketId }: { id: number; ticketId: number }) {
  const [incident, setIncident] = useState<Incident | null>(null);
  useEffect(() => {
    let active = true;
    api
      .incident(id)
      .then((found) => active && setIncident(found))
      .catch(() => {
        // The note still names the incident without its details.
      });
    return () => {
      active = false;
    };
  }, [id]);
  const others = (incident?.ticket_ids ?? []).filter((other) => other !== ticketId);
  return (
    <div className="incident" role="note" data-testid="incident">
      <strong>Part of incident #{id}</strong>
      {incident && (
        <>
          {incident.title && <span>: {incident.title}</span>}
          <span className="subtle"> · grouped {formatDate(incident.created_at)}</span>
        </>
      )}
      {others.length > 0 && (
        <p className="incident-tickets">
          Other tickets in it:{' '}
          {others.slice(0, 20).map((other, index) => (
            <span key={other}>
              {index > 0 && ', '}
              <Link href={`/ticket/${other}`}>#{other}</Link>
            </span>
          ))}
          {others.length > 20 && ` and ${others.length - 20} more`}
        </p>
      )}
    </div>
  );
}
