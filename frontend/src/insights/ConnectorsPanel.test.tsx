// @vitest-environment happy-dom
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ConnectorFigures, ConnectorInsights } from '../api/types';
import { noTickets } from '../test/fixtures';
import { AGENT, fakeServer, openDashboard } from '../test/harness';

vi.mock('socket.io-client', () => import('../test/fakeSocket'));
vi.mock('./Chart', () => import('../test/fakeChart'));

const OFF: ConnectorFigures = {
  connector: 'glpi',
  mode: 'shadow',
  enabled: false,
  state: 'off',
  last_poll: null,
  last_error: null,
  decided: 0,
  would_auto_route: 0,
  coverage: null,
  closed: 0,
  closed_would_auto_route: 0,
  auto_route_precision: null,
  engine_accuracy: null,
  helpdesk_first_group_right: null,
  moved_by_agents: 0,
  priority_agreement: null,
  writebacks_waiting: 0,
  writebacks_failed: 0,
};

const ZAMMAD: ConnectorFigures = {
  ...OFF,
  connector: 'zammad',
  enabled: true,
  state: 'down',
  last_poll: '2026-03-01T10:00:00Z',
  last_error: 'Zammad answered 502 Bad Gateway',
  decided: 120,
  would_auto_route: 90,
  coverage: 0.75,
  closed: 80,
  closed_would_auto_route: 0,
  engine_accuracy: 0.8875,
  helpdesk_first_group_right: 0.7,
  moved_by_agents: 24,
  priority_agreement: 0.6,
  writebacks_waiting: 3,
  writebacks_failed: 1,
};

function figures(days: number, connectors: ConnectorFigures[]): ConnectorInsights {
  return { window_days: days, since: '2026-02-01T00:00:00Z', connectors };
}

function open(connectors: Record<number, ConnectorFigures[]>) {
  const routes: Record<string, unknown> = {
    'GET /auth/me': AGENT,
    'GET /teams': [],
    'GET /insights': noTickets(),
  };
  for (const [days, list] of Object.entries(connectors)) {
    routes[`GET /insights/connectors?days=${days}`] = figures(Number(days), list);
  }
  const server = fakeServer(routes);
  openDashboard('/analytics');
  return server;
}

describe('the helpdesk connectors on the insights page', () => {
  it('shows mode, state and each figure with what it is measured on', async () => {
    open({ 30: [OFF, ZAMMAD] });
    const panel = await screen.findByRole('region', { name: 'Helpdesk connectors' });
    // a connector that is off and took in nothing is left out
    expect(within(panel).queryByRole('region', { name: 'GLPI' })).toBeNull();
    const zammad = within(panel).getByRole('region', { name: 'Zammad' });
    expect(zammad.textContent).toContain('shadow: nothing changes in the helpdesk');
    expect(within(zammad).getByTestId('connector-state').textContent).toContain('helpdesk cannot be reached');
    expect(zammad.textContent).toContain('Zammad answered 502 Bad Gateway');
    expect(zammad.textContent).toContain('3 waiting, 1 failed');

    expect(within(zammad).getByRole('row', { name: /^Coverage.* 75% 90 of 120 tickets decided$/ })).toBeTruthy();
    expect(within(zammad).getByRole('row', { name: /^Engine's accuracy.* 89% 80 tickets closed/ })).toBeTruthy();
    expect(within(zammad).getByRole('row', { name: /^Helpdesk's first group right 70% / })).toBeTruthy();
    expect(within(zammad).getByRole('row', { name: /^Tickets moved to another group by agents 24 / })).toBeTruthy();
    expect(within(zammad).getByRole('row', { name: /^Priority agreement 60% / })).toBeTruthy();
  });

  it('says "not enough data" rather than 0% when a share has nothing to be measured on, and marks few tickets', async () => {
    open({
      30: [
        { ...ZAMMAD, closed: 4, closed_would_auto_route: 0, auto_route_precision: null, engine_accuracy: 0.5 },
        { ...OFF, decided: 2, would_auto_route: 0, coverage: 0 },
      ],
    });
    const panel = await screen.findByRole('region', { name: 'Helpdesk connectors' });
    const zammad = within(panel).getByRole('region', { name: 'Zammad' });
    const precision = within(zammad).getByRole('row', { name: /^Auto-route precision/ });
    expect(precision.textContent).toContain('not enough data');
    expect(precision.textContent).toContain('0 tickets closed that auto mode would have routed');
    expect(precision.textContent).not.toContain('0%');
    expect(within(zammad).getByRole('row', { name: /^Engine's accuracy/ }).textContent).toContain('50% (few tickets)');
    // off now, but with tickets in the period: shown, and said to be off
    const glpi = within(panel).getByRole('region', { name: 'GLPI' });
    expect(within(glpi).getByTestId('connector-state').textContent).toContain('off (not configured)');
    expect(within(glpi).getByRole('row', { name: /^Coverage/ }).textContent).toContain('0% (few tickets)');
    expect(within(glpi).getByRole('row', { name: /^Priority agreement/ }).textContent).toContain('not enough data');
  });

  it('shows a short hint when no connector is configured, and follows the chosen period', async () => {
    const server = open({ 30: [OFF], 7: [{ ...ZAMMAD, decided: 5, would_auto_route: 5, coverage: 1 }] });
    const hint = await screen.findByTestId('connectors-hint');
    expect(hint.textContent).toContain('No helpdesk connector is configured');
    expect(within(hint).getByRole('link').getAttribute('href')).toBe('/docs#/Insights');
    expect(screen.queryByRole('region', { name: 'Helpdesk connectors' })).toBeNull();

    await userEvent.setup().selectOptions(screen.getByRole('combobox'), '7');
    const panel = await screen.findByRole('region', { name: 'Helpdesk connectors' });
    expect(
      within(panel).getByRole('row', { name: /^Coverage.* 100% \(few tickets\) 5 of 5 tickets decided$/ }),
    ).toBeTruthy();
    expect(server.seen.map((request) => request.path)).toContain('/insights/connectors?days=7');
  });
});
