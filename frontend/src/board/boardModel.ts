import { MANUAL_REVIEW, type Ticket } from '../api/types';

/** The board's columns. Manual Review is a routed ticket that no team was confident enough to take. */
export type Column = 'pending' | 'routed' | 'manual' | 'closed';

export const COLUMNS: { key: Column; title: string; empty: string }[] = [
  { key: 'pending', title: 'Pending', empty: 'Nothing waiting for triage.' },
  { key: 'routed', title: 'Routed', empty: 'No routed tickets.' },
  { key: 'manual', title: 'Manual Review', empty: 'Nothing needs a human decision.' },
  { key: 'closed', title: 'Closed', empty: 'No closed tickets.' },
];

export const ALL_TEAMS = '';

export function columnOf(ticket: Ticket): Column {
  if (ticket.status === 'closed') return 'closed';
  if (ticket.status === 'pending') return 'pending';
  return ticket.assigned_to === MANUAL_REVIEW ? 'manual' : 'routed';
}

export interface BoardFilter {
  /** A team name, Manual Review, or ALL_TEAMS. */
  team: string;
  /** Words that must all appear in the title, description or id. */
  text: string;
  priority: string;
  level: string;
  /** Only tickets assigned to this agent (the logged-in one, for "My tickets"); '' for everyone's. */
  assignee: string;
  /** Newest first, or the soonest resolution due first (breached ones at the top, tickets without one last). */
  sort: 'newest' | 'due';
}

export const NO_FILTER: BoardFilter = {
  team: ALL_TEAMS,
  text: '',
  priority: '',
  level: '',
  assignee: '',
  sort: 'newest',
};

function matches(ticket: Ticket, filter: BoardFilter): boolean {
  if (filter.team && ticket.assigned_to !== filter.team) return false;
  if (filter.priority && ticket.priority !== filter.priority) return false;
  if (filter.level && ticket.level !== filter.level) return false;
  if (filter.assignee && ticket.assignee !== filter.assignee) return false;
  const words = filter.text.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = `#${ticket.id} ${ticket.title} ${ticket.description}`.toLowerCase();
  return words.every((word) => haystack.includes(word));
}

/** When a ticket must be resolved, for sorting: breached first, then the soonest due, then none. */
function dueKey(ticket: Ticket): number {
  if (ticket.sla_breached) return Number.NEGATIVE_INFINITY;
  const due = ticket.resolution_due ? Date.parse(ticket.resolution_due) : Number.NaN;
  return Number.isNaN(due) ? Number.POSITIVE_INFINITY : due;
}

/** Visible tickets per column, newest first or soonest due first. */
export function arrange(tickets: Ticket[], filter: BoardFilter): Record<Column, Ticket[]> {
  const columns: Record<Column, Ticket[]> = { pending: [], routed: [], manual: [], closed: [] };
  for (const ticket of tickets) {
    if (matches(ticket, filter)) columns[columnOf(ticket)].push(ticket);
  }
  const newest = (a: Ticket, b: Ticket) => b.id - a.id;
  const byDue = (a: Ticket, b: Ticket) => dueKey(a) - dueKey(b) || newest(a, b);
  for (const list of Object.values(columns)) list.sort(filter.sort === 'due' ? byDue : newest);
  return columns;
}

/** How many tickets each team tab holds under the other filters (the tab itself excluded). */
export function teamCounts(tickets: Ticket[], filter: BoardFilter): Map<string, number> {
  const counts = new Map<string, number>();
  const others = { ...filter, team: ALL_TEAMS };
  for (const ticket of tickets) {
    if (!matches(ticket, others)) continue;
    counts.set(ALL_TEAMS, (counts.get(ALL_TEAMS) ?? 0) + 1);
    if (ticket.assigned_to) counts.set(ticket.assigned_to, (counts.get(ticket.assigned_to) ?? 0) + 1);
  }
  return counts;
}

/** Team tabs: known teams in name order, then Manual Review, then any other name seen on a ticket. */
export function teamTabs(knownTeams: string[], tickets: Ticket[]): string[] {
  const seen = new Set(knownTeams.filter((team) => team && team !== MANUAL_REVIEW));
  for (const ticket of tickets) {
    if (ticket.assigned_to && ticket.assigned_to !== MANUAL_REVIEW) seen.add(ticket.assigned_to);
  }
  return [...[...seen].sort((a, b) => a.localeCompare(b)), MANUAL_REVIEW];
}

/**
 * Applies a live ticket event to the board's list. Events may arrive out of order with a page load or
 * with each other, so the newer `updated_at` wins and an older copy never replaces a newer one.
 */
export function upsert(tickets: Ticket[], incoming: Ticket): Ticket[] {
  const index = tickets.findIndex((ticket) => ticket.id === incoming.id);
  if (index < 0) return [incoming, ...tickets];
  const current = tickets[index]!;
  if (Date.parse(incoming.updated_at) < Date.parse(current.updated_at)) return tickets;
  const next = tickets.slice();
  next[index] = incoming;
  return next;
}

export function remove(tickets: Ticket[], id: number): Ticket[] {
  return tickets.some((ticket) => ticket.id === id) ? tickets.filter((ticket) => ticket.id !== id) : tickets;
}

/** Merges a freshly loaded page with what live events delivered meanwhile. */
export function merge(current: Ticket[], loaded: Ticket[]): Ticket[] {
  return loaded.reduce(upsert, current);
}
