import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api, ApiError } from '../api/client';
import type { Ticket } from '../api/types';
import { useCaller } from '../auth/Session';
import { useLiveEvent } from '../live/LiveUpdates';
import { useTeams } from '../ui/teams';
import { ErrorState } from '../ui/States';
import {
  arrange,
  COLUMNS,
  merge,
  NO_FILTER,
  remove,
  teamCounts,
  teamTabs,
  upsert,
  type BoardFilter,
} from './boardModel';
import { BoardColumn } from './BoardColumn';
import { BoardFilters } from './BoardFilters';
import { tabId, TeamTabs } from './TeamTabs';
import { CreateTicketDialog } from './CreateTicketDialog';

const PAGE_SIZE = 200;
const PANEL = 'board-columns';

export function BoardPage() {
  const [tickets, setTickets] = useState<Ticket[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [filter, setFilter] = useState<BoardFilter>(NO_FILTER);
  const [creating, setCreating] = useState(false);
  const caller = useCaller();
  const newTicketButton = useRef<HTMLButtonElement>(null);
  // The dialog is unmounted rather than closed, so focus is handed back to the button that opened it once
  // the dialog (and the inertness of the page behind it) is gone.
  const wasCreating = useRef(false);
  useEffect(() => {
    if (wasCreating.current && !creating) newTicketButton.current?.focus();
    wasCreating.current = creating;
  }, [creating]);
  const stopCreating = () => setCreating(false);
  const teams = useTeams();

  const load = useCallback(
    () =>
      api
        .listTickets(PAGE_SIZE)
        .then(
          (page) => {
            setTickets((current) => merge(current, page.tickets));
            setNextCursor(page.nextCursor);
            setError(null);
          },
          (e: unknown) => setError(e instanceof ApiError ? e.message : 'The tickets could not be loaded.'),
        )
        .finally(() => setLoading(false)),
    [],
  );

  useEffect(() => {
    void load();
  }, [load]);

  const loadMore = async () => {
    if (!nextCursor) return;
    try {
      const page = await api.listTickets(PAGE_SIZE, nextCursor);
      setTickets((current) => merge(current, page.tickets));
      setNextCursor(page.nextCursor);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'More tickets could not be loaded.');
    }
  };

  const onTicket = (ticket: Ticket) => setTickets((current) => upsert(current, ticket));
  useLiveEvent('ticket_created', onTicket);
  useLiveEvent('ticket_routed', onTicket);
  useLiveEvent('ticket_updated', onTicket);
  useLiveEvent('ticket_deleted', ({ id }) => setTickets((current) => remove(current, id)));
  useLiveEvent('resync', () => void load());

  const columns = useMemo(() => arrange(tickets, filter), [tickets, filter]);
  const counts = useMemo(() => teamCounts(tickets, filter), [tickets, filter]);
  const tabs = useMemo(() => teamTabs(teams.names, tickets), [teams.names, tickets]);
  const filtered = filter.text !== '' || filter.priority !== '' || filter.level !== '';

  return (
    <div className="board-page">
      <div className="page-header">
        <div>
          <h1>Board</h1>
          <p className="subtle">
            {loading ? 'Loading tickets…' : `${tickets.length} ticket${tickets.length === 1 ? '' : 's'} loaded`}
          </p>
        </div>
        <button ref={newTicketButton} type="button" className="button primary" onClick={() => setCreating(true)}>
          New ticket
        </button>
      </div>
      <BoardFilters filter={filter} onChange={setFilter} me={caller.name} />
      <TeamTabs
        panelId={PANEL}
        tabs={tabs}
        counts={counts}
        selected={filter.team}
        onSelect={(team) => setFilter({ ...filter, team })}
      />
      {error && <ErrorState message={error} onRetry={() => void load()} />}
      {!error && !loading && tickets.length === 0 ? (
        <section className="state board-empty">
          <h2>No tickets yet</h2>
          <p>Tickets sent to the API or created here appear the moment they arrive, and move as they are routed.</p>
          <button type="button" className="button primary" onClick={() => setCreating(true)}>
            Create the first ticket
          </button>
        </section>
      ) : (
        <div
          className="columns"
          id={PANEL}
          role="tabpanel"
          aria-labelledby={tabId(PANEL, filter.team)}
          aria-busy={loading}
        >
          {COLUMNS.map((column) => (
            <BoardColumn
              key={column.key}
              column={column}
              tickets={columns[column.key]}
              emptyText={filtered || filter.team ? 'No tickets match these filters.' : column.empty}
            />
          ))}
        </div>
      )}
      {nextCursor && (
        <div className="load-more">
          {filtered && <p className="subtle">Search and filters apply to the tickets loaded so far.</p>}
          <button type="button" className="button" onClick={() => void loadMore()}>
            Load older tickets
          </button>
        </div>
      )}
      {creating && (
        <CreateTicketDialog
          onClose={stopCreating}
          onCreated={(ticket) => {
            onTicket(ticket);
            stopCreating();
          }}
        />
      )}
    </div>
  );
}
