import type { Ticket } from '../api/types';
import type { Column } from './boardModel';
import { TicketCard } from './TicketCard';

interface Props {
  column: { key: Column; title: string };
  tickets: Ticket[];
  emptyText: string;
}

/** Long columns render their newest tickets; the count still tells the whole story. */
const MAX_CARDS = 100;

export function BoardColumn({ column, tickets, emptyText }: Props) {
  const headingId = `column-${column.key}`;
  return (
    <section className={`column column-${column.key}`} aria-labelledby={headingId} data-testid={`column-${column.key}`}>
      <h2 id={headingId} className="column-title">
        {column.title}
        <span className="count" aria-label={`${tickets.length} tickets`}>
          {tickets.length}
        </span>
      </h2>
      {tickets.length === 0 ? (
        <p className="column-empty">{emptyText}</p>
      ) : (
        <ul className="cards">
          {tickets.slice(0, MAX_CARDS).map((ticket) => (
            <li key={ticket.id}>
              <TicketCard ticket={ticket} />
            </li>
          ))}
          {tickets.length > MAX_CARDS && (
            <li className="column-more">{tickets.length - MAX_CARDS} older tickets: narrow the filters to see them.</li>
          )}
        </ul>
      )}
    </section>
  );
}
