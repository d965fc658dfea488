import { describe, expect, it } from 'vitest';
import type { Ticket } from '../api/types';
import { aTicket } from '../test/fixtures';
import { arrange, columnOf, merge, NO_FILTER, remove, teamCounts, teamTabs, upsert } from './boardModel';

function ticket(id: number, changes: Partial<Ticket> = {}): Ticket {
  return aTicket({
    id,
    title: `Ticket ${id}`,
    created_at: '2026-11-24T10:00:00Z',
    updated_at: '2026-11-24T10:00:00Z',
    confidence: 0.95,
    ...changes,
  });
}

describe('columns', () => {
  it('puts a routed ticket assigned to Manual Review in its own column', () => {
    expect(columnOf(ticket(1, { assigned_to: 'Manual Review' }))).toBe('manual');
    expect(columnOf(ticket(2))).toBe('routed');
    expect(columnOf(ticket(3, { status: 'pending', assigned_to: '' }))).toBe('pending');
    expect(columnOf(ticket(4, { status: 'closed', assigned_to: 'Manual Review' }))).toBe('closed');
  });

  it('lists newest first and filters by team, priority, tier and every search word', () => {
    const tickets = [
      ticket(1),
      ticket(3, { title: 'VPN drops', description: 'every five minutes', assigned_to: 'Network Team' }),
      ticket(2, { priority: 'High' }),
    ];
    expect(arrange(tickets, NO_FILTER).routed.map((t) => t.id)).toEqual([3, 2, 1]);
    expect(arrange(tickets, { ...NO_FILTER, team: 'Network Team' }).routed.map((t) => t.id)).toEqual([3]);
    expect(arrange(tickets, { ...NO_FILTER, priority: 'High' }).routed.map((t) => t.id)).toEqual([2]);
    expect(arrange(tickets, { ...NO_FILTER, text: 'vpn FIVE' }).routed.map((t) => t.id)).toEqual([3]);
    expect(arrange(tickets, { ...NO_FILTER, text: 'vpn printer' }).routed).toEqual([]);
    expect(arrange(tickets, { ...NO_FILTER, text: '#2' }).routed.map((t) => t.id)).toEqual([2]);
  });

  it('counts each team tab under the other filters, whatever tab is selected', () => {
    const tickets = [ticket(1), ticket(2, { assigned_to: 'Network Team' }), ticket(3, { priority: 'High' })];
    const counts = teamCounts(tickets, { ...NO_FILTER, team: 'Network Team', priority: 'Medium' });
    expect(counts.get('')).toBe(2);
    expect(counts.get('Hardware Team')).toBe(1);
    expect(counts.get('Network Team')).toBe(1);
  });

  it('offers known teams, teams seen on tickets, then Manual Review', () => {
    const tabs = teamTabs(
      ['Network Team'],
      [ticket(1), ticket(2, { assigned_to: 'Manual Review' }), ticket(3, { assigned_to: '' })],
    );
    expect(tabs).toEqual(['Hardware Team', 'Network Team', 'Manual Review']);
  });
});

describe('live events', () => {
  it('adds a new ticket and replaces a known one with its newer copy', () => {
    const routed = ticket(1, { updated_at: '2026-11-24T10:00:01Z' });
    const list = upsert(upsert([], ticket(1, { status: 'pending' })), routed);
    expect(list).toEqual([routed]);
  });

  it('never lets an older copy overwrite a newer one', () => {
    const newer = ticket(1, { status: 'closed', updated_at: '2026-11-24T11:00:00Z' });
    const list = upsert([newer], ticket(1, { updated_at: '2026-11-24T10:00:00Z' }));
    expect(list[0]).toBe(newer);
  });

  it('keeps tickets that events delivered while a page was loading', () => {
    const live = [ticket(5, { updated_at: '2026-11-24T12:00:00Z', status: 'closed' })];
    const loaded = [ticket(5), ticket(4)];
    const merged = merge(live, loaded);
    expect(merged.find((t) => t.id === 5)?.status).toBe('closed');
    expect(merged.map((t) => t.id).sort()).toEqual([4, 5]);
  });

  it('removes a deleted ticket and ignores an unknown id', () => {
    const list = [ticket(1), ticket(2)];
    expect(remove(list, 1).map((t) => t.id)).toEqual([2]);
    expect(remove(list, 9)).toBe(list);
  });
});
