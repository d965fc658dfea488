// @vitest-environment happy-dom
import { act, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { aTicket } from '../test/fixtures';
import { liveServer } from '../test/fakeSocket';
import { AGENT, fakeServer, openDashboard } from '../test/harness';

vi.mock('socket.io-client', () => import('../test/fakeSocket'));

describe('the board', () => {
  it('puts each ticket in its column and adds the ones pushed live', async () => {
    fakeServer({
      'GET /auth/me': AGENT,
      'GET /teams': [{ name: 'Hardware Team', examples: 40, ready: true }],
      'GET /tickets': [
        aTicket({
          id: 2,
          title: 'VPN drops every hour',
          assigned_to: 'Manual Review',
          confidence: 0.62,
          best_guess: 'Network Team',
        }),
        aTicket({ id: 1, title: 'Laptop screen flickers' }),
      ],
    });
    openDashboard('/');

    const routed = await screen.findByTestId('column-routed');
    expect(await within(routed).findByText('Laptop screen flickers')).toBeTruthy();
    const manual = screen.getByTestId('column-manual');
    expect(within(manual).getByText('VPN drops every hour')).toBeTruthy();
    // whose score the card shows: the engine's best guess, not a team it was routed to
    expect(within(manual).getByTestId('best-guess').textContent).toBe('best guess: Network Team, 62%');

    await act(async () =>
      liveServer.push('ticket_created', aTicket({ id: 3, title: 'Printer jams', status: 'pending', assigned_to: '' })),
    );
    expect(within(screen.getByTestId('column-pending')).getByText('Printer jams')).toBeTruthy();
    expect(screen.getByText('3 tickets loaded')).toBeTruthy();
  });

  it("shows assignees and due times, and narrows to the agent's own tickets sorted by due time", async () => {
    const soon = new Date(Date.now() + 2 * 3_600_000).toISOString();
    const later = new Date(Date.now() + 30 * 3_600_000).toISOString();
    fakeServer({
      'GET /auth/me': AGENT,
      'GET /teams': [{ name: 'Hardware Team', examples: 40, ready: true }],
      'GET /tickets': [
        aTicket({ id: 3, title: 'Dock has no power', assignee: AGENT.name, resolution_due: later }),
        aTicket({ id: 2, title: 'Monitor arm broke', assignee: 'someone-else', resolution_due: soon }),
        aTicket({ id: 1, title: 'Keyboard missing keys', assignee: AGENT.name, resolution_due: soon }),
        aTicket({
          id: 4,
          title: 'Server room too hot',
          assignee: AGENT.name,
          sla_breached: true,
          resolution_due: soon,
        }),
      ],
    });
    openDashboard('/');

    const routed = await screen.findByTestId('column-routed');
    await within(routed).findByText('Dock has no power');
    expect(
      within(routed)
        .getAllByTestId('assignee')
        .map((tag) => tag.textContent),
    ).toContain('someone-else');
    expect(
      within(routed)
        .getAllByTestId('due')
        .map((tag) => tag.textContent),
    ).toContain('due in 2 h');
    expect(within(routed).getByTestId('sla-breached').textContent).toBe('SLA breached');

    await act(async () => screen.getByLabelText('My tickets').click());
    await act(async () => {
      const order = screen.getByLabelText('Order') as HTMLSelectElement;
      order.value = 'due';
      order.dispatchEvent(new Event('change', { bubbles: true }));
    });
    const titles = within(screen.getByTestId('column-routed'))
      .getAllByTestId('ticket-card')
      .map((card) => card.getAttribute('data-ticket-id'));
    // breached first, then the soonest due; someone else's ticket is left out
    expect(titles).toEqual(['4', '1', '3']);
  });
});
