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
});
