// @vitest-environment happy-dom
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Caller, Insights } from '../api/types';
import { AGENT, fakeServer, openDashboard } from '../test/harness';

vi.mock('socket.io-client', () => import('../test/fakeSocket'));
vi.mock('./Chart', () => import('../test/fakeChart'));

function insights(days: number, tickets: number): Insights {
  return {
    window_days: days,
    since: '2026-02-01T00:00:00Z',
    tickets,
    auto_routed: 8,
    auto_route_rate: 0.8,
    auto_route_precision: 0.9,
    teams: [
      {
        team: 'Hardware Team',
        volume: tickets,
        auto_routed: 8,
        engine_routed: 8,
        auto_route_rate: 0.8,
        auto_route_precision: 0.9,
        corrections: 1,
        correction_rate: 0.1,
        mean_time_to_close_hours: 5.2,
      },
    ],
    daily: [{ date: '2026-03-01', team: 'Hardware Team', count: tickets }],
    service_levels: [
      {
        team: 'Hardware Team',
        tickets,
        closed: 3,
        sla_settled: 4,
        sla_met: 3,
        sla_attainment: 0.75,
        mean_first_response_hours: 1.5,
        mean_resolution_hours: 6,
        agents: [
          {
            agent: 'ann',
            tickets: tickets - 1,
            closed: 3,
            sla_settled: 3,
            sla_met: 3,
            sla_attainment: 1,
            mean_first_response_hours: 1.5,
            mean_resolution_hours: 6,
          },
          {
            agent: null,
            tickets: 1,
            closed: 0,
            sla_settled: 1,
            sla_met: 0,
            sla_attainment: 0,
            mean_first_response_hours: null,
            mean_resolution_hours: null,
          },
        ],
      },
    ],
  };
}

describe('the insights page', () => {
  it('shows the figures of the chosen period', async () => {
    const server = fakeServer({
      'GET /auth/me': AGENT,
      'GET /teams': [],
      'GET /insights?days=30': insights(30, 10),
      'GET /insights?days=7': insights(7, 4),
    });
    openDashboard('/analytics');

    expect(await screen.findByRole('row', { name: /Hardware Team 10 8 80% 90% 1 \(10%\) 5\.2 h/ })).toBeTruthy();

    await userEvent.setup().selectOptions(screen.getByRole('combobox'), '7');
    expect(await screen.findByRole('row', { name: /Hardware Team 4 8/ })).toBeTruthy();
    expect(server.seen.map((request) => request.path)).toContain('/insights?days=7');
  });

  it('shows the service levels of each team with its agents under it', async () => {
    fakeServer({ 'GET /auth/me': AGENT, 'GET /teams': [], 'GET /insights?days=30': insights(30, 10) });
    openDashboard('/analytics');

    expect(
      await screen.findByRole('row', { name: /^Hardware Team 10 3 75% \(3 of 4\) 1\.5 h 6(\.0)? h$/ }),
    ).toBeTruthy();
    expect(screen.getByRole('row', { name: /^ann 9 3 100% \(3 of 3\) 1\.5 h 6(\.0)? h$/ })).toBeTruthy();
    expect(screen.getByRole('row', { name: /^Nobody \(waiting\) 1 0 0% \(0 of 1\) – –$/ })).toBeTruthy();
  });
  it('tells a requester the figures are for agents, and offers no link to them', async () => {
    const requester: Caller = { name: 'rita', role: 'requester', auth: 'token' };
    fakeServer({
      'GET /auth/me': requester,
      'GET /teams': [],
      'GET /insights?days=30': new Response(JSON.stringify({ status: 403, detail: 'Forbidden' }), {
        status: 403,
        headers: { 'Content-Type': 'application/problem+json' },
      }),
    });
    openDashboard('/analytics');
    expect(await screen.findByRole('heading', { name: 'Only for agents' })).toBeTruthy();
    expect(screen.queryByText('Something went wrong')).toBeNull();
    expect(screen.queryByRole('link', { name: 'Insights' })).toBeNull();
    expect(screen.getByRole('link', { name: 'Board' })).toBeTruthy();
  });
});
