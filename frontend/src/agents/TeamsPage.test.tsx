// @vitest-environment happy-dom
import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { Caller } from '../api/types';
import { AGENT, fakeServer, openDashboard } from '../test/harness';

vi.mock('socket.io-client', () => import('../test/fakeSocket'));

const PROBLEM = (status: number, detail: string) =>
  new Response(JSON.stringify({ status, detail }), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });

function settings(overrides: Record<string, unknown> = {}) {
  return fakeServer({
    'GET /auth/me': AGENT,
    'GET /teams': [
      { name: 'Hardware Team', examples: 40, ready: true },
      { name: 'Network Team', examples: 40, ready: true },
    ],
    'GET /policies': [
      { team: 'Hardware Team', assignment: 'least_loaded', is_default: true },
      { team: 'Network Team', assignment: 'expertise', is_default: false },
    ],
    'GET /teams/Hardware%20Team/hours': {
      team: 'Hardware Team',
      calendar_time: true,
      time_zone: null,
      days: null,
      start: null,
      end: null,
    },
    'GET /teams/Network%20Team/hours': {
      team: 'Network Team',
      calendar_time: false,
      time_zone: 'Europe/Paris',
      days: ['MON', 'TUE', 'WED', 'THU', 'FRI'],
      start: '09:00',
      end: '17:00',
    },
    'GET /sla': {
      targets: [
        { priority: 'Low', first_response_minutes: 4320, resolution_minutes: 14400 },
        { priority: 'Urgent', first_response_minutes: 30, resolution_minutes: 240 },
        { priority: 'High', first_response_minutes: 240, resolution_minutes: 1440 },
        { priority: 'Medium', first_response_minutes: 1440, resolution_minutes: 4320 },
      ],
    },
    ...overrides,
  });
}

describe('the teams page', () => {
  it("shows an agent each team's policy, business hours and the service-level targets", async () => {
    settings();
    openDashboard('/team-settings');

    const teams = await screen.findByTestId('team-policies');
    const hardware = within(teams).getByRole('row', { name: /Hardware Team/ });
    expect(hardware.textContent).toContain('Least loaded (default)');
    expect(hardware.textContent).toContain('Around the clock');
    expect(hardware.textContent).toContain('targets count calendar time');
    const network = within(teams).getByRole('row', { name: /Network Team/ });
    expect(network.textContent).toContain('Expertise (who solved similar tickets)');
    expect(network.textContent).not.toContain('(default)');
    expect(network.textContent).toContain('Mon–Fri, 09:00–17:00 (Europe/Paris)');
    expect(network.textContent).toContain('targets count only these hours');

    const targets = screen.getByTestId('team-targets');
    const rows = within(targets)
      .getAllByRole('row')
      .slice(1)
      .map((row) => [...row.children].map((cell) => cell.textContent));
    expect(rows).toEqual([
      ['Urgent', '30 min', '4 h'],
      ['High', '4 h', '24 h'],
      ['Medium', '24 h', '72 h'],
      ['Low', '72 h', '240 h'],
    ]);
    expect(screen.getByText(/Read-only: admins change these settings\./)).toBeTruthy();
  });

  it('offers an agent nothing to change, and sends nothing but reads', async () => {
    const { seen } = settings();
    openDashboard('/team-settings');
    const page = await screen.findByTestId('team-settings');
    await within(page).findByTestId('team-targets');

    for (const role of ['button', 'textbox', 'combobox', 'checkbox', 'spinbutton'] as const) {
      expect(within(page).queryAllByRole(role)).toHaveLength(0);
    }
    expect(within(page).queryByRole('link', { name: 'agents page' })).toBeNull();
    expect(seen.filter((request) => request.method !== 'GET')).toEqual([]);
  });

  it('is in the navigation for agents, and points admins to where they change the settings', async () => {
    settings();
    openDashboard('/');
    fireEvent.click(await screen.findByRole('link', { name: 'Teams' }));
    expect(await screen.findByTestId('team-policies')).toBeTruthy();
    expect(window.location.pathname).toBe('/team-settings');
    expect(screen.queryByRole('link', { name: 'Agents' })).toBeNull();
  });

  it('links an admin to the agents page, where the settings are changed', async () => {
    const admin: Caller = { name: 'root', role: 'admin', auth: 'token' };
    settings({ 'GET /auth/me': admin });
    openDashboard('/team-settings');
    await screen.findByTestId('team-policies');
    expect(screen.getByRole('link', { name: 'agents page' }).getAttribute('href')).toBe('/admin/agents');
  });

  it('says what failed and loads again on request', async () => {
    const { routes } = settings({ 'GET /sla': PROBLEM(503, 'The database is not reachable') });
    openDashboard('/team-settings');

    const error = await screen.findByRole('alert');
    expect(error.textContent).toContain("The teams' settings could not be loaded: The database is not reachable");
    expect(screen.queryByTestId('team-policies')).toBeNull();

    routes['GET /sla'] = { targets: [{ priority: 'Urgent', first_response_minutes: 60, resolution_minutes: 240 }] };
    await act(async () => fireEvent.click(within(error).getByRole('button', { name: 'Try again' })));
    expect(await screen.findByTestId('team-policies')).toBeTruthy();
    expect(within(screen.getByTestId('team-targets')).getByRole('row', { name: 'Urgent 1 h 4 h' })).toBeTruthy();
  });

  it('says so when there are no teams or no targets yet', async () => {
    settings({ 'GET /policies': [], 'GET /sla': { targets: [] } });
    openDashboard('/team-settings');
    expect(await screen.findByText(/No teams yet\./)).toBeTruthy();
    expect(screen.getByText(/No service-level targets are set/)).toBeTruthy();
    expect(screen.queryByTestId('team-targets')).toBeNull();
  });

  it('tells a requester the settings are for agents, without a link to them', async () => {
    const requester: Caller = { name: 'rita', role: 'requester', auth: 'token' };
    settings({ 'GET /auth/me': requester, 'GET /policies': PROBLEM(403, 'Forbidden') });
    openDashboard('/team-settings');
    expect(await screen.findByRole('heading', { name: 'Only for agents' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Teams' })).toBeNull();
  });
});
