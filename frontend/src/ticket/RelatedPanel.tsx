import type { Ticket } from '../api/types';
import { describe, percent } from '../ui/format';
import { Link } from '../ui/router';

/** Possible duplicates and the incident group, shown only when the server provides them. */
export function RelatedPanel({ ticket }: { ticket: Ticket }) {
  const duplicates = Array.isArray(ticket.possible_duplicates) ? ticket.possible_duplicates : [];
  const incident = ticket.incident && typeof ticket.incident === 'object' ? ticket.incident : null;
  if (duplicates.length === 0 && !incident) return null;
  return (
    <section className="panel" aria-labelledby="related-heading" data-testid="related">
      <h2 id="related-heading">Related</h2>
      {incident && (
        <div className="incident" role="note">
          <strong>Part of incident {String(incident.id)}</strong>
          {Object.entries(incident)
            .filter(([key, value]) => key !== 'id' && value !== null && typeof value !== 'object')
            .map(([key, value]) => (
              <span key={key} className="subtle">
                {' · '}
                {key.replace(/_/g, ' ')}: {describe(value)}
              </span>
            ))}
        </div>
      )}
      {duplicates.length > 0 && (
        <>
          <h3>Possible duplicates</h3>
          <ul className="duplicates">
            {duplicates.map((duplicate) => (
              <li key={duplicate.id}>
                <Link href={`/ticket/${duplicate.id}`}>
                  #{duplicate.id}
                  {duplicate.title ? ` ${duplicate.title}` : ''}
                </Link>{' '}
                <span className="subtle">similarity {percent(duplicate.similarity)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
