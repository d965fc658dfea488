// @vitest-environment happy-dom
import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { Caller, TeamHours } from '../api/types';
import { noTickets } from '../test/fixtures';
import { AGENT, fakeServer, openDashboard } from '../test/harness';

vi.mock('socket.io-client', () => import('../test/fakeSocket'));
vi.mock('../insights/Chart', () => import('../test/fakeChart'));

const ADMIN: Caller = { name: 'root', role: 'admin', auth: 'token' };

const PARIS: TeamHours = {
  team: 'Hardware Team',
  calendar_time: false,
  time_zone: 'Europe/Paris',
  days: ['MON', 'TUE', 'WED', 'THU', 'FRI'],
  start: '09:00',
  end: '17:00',
};
const AROUND_THE_CLOCK: TeamHours = {
  team: 'Network Team',
  calendar_time: true,
  time_zone: null,
  days: null,
  start: null,
  end: null,
};

function unprocessable(field: string, message: string): Response {
  return new Response(
    JSON.stringify({ status: 422, title: 'Invalid field', detail: message, errors: [{ field, message }] }),
    { status: 422, headers: { 'Content-Type': 'application/problem+json' } },
  );
}

function server(caller: Caller) {
  return fakeServer({
    'GET /auth/me': caller,
    'GET /teams': [
      { name: 'Hardware Team', examples: 40, ready: true },
      { name: 'Network Team', examples: 40, ready: true },
    ],
    'GET /agents': [],
    'GET /policies': [],
    'GET /sla': { targets: [] },
    'GET /teams/Hardware%20Team/hours': PARIS,
    'GET /teams/Network%20Team/hours': AROUND_THE_CLOCK,
    // the server alone knows which zones exist
    'PUT /teams/Network%20Team/hours': (body: unknown) => {
      const change = body as Omit<TeamHours, 'team' | 'calendar_time'>;
      return change.time_zone === 'Mars/Olympus'
        ? unprocessable('time_zone', "Unknown time zone 'Mars/Olympus'; use an IANA zone such as Europe/Paris")
        : { ...change, team: 'Network Team', calendar_time: false };
    },
    'DELETE /teams/Hardware%20Team/hours': { ...AROUND_THE_CLOCK, team: 'Hardware Team' },
  });
}

async function hoursPanel() {
  const panel = await screen.findByTestId('team-hours');
  await within(panel).findByRole('row', { name: /Hardware Team/ });
  return panel;
}

describe('business hours on the agents page', () => {
  it("shows each team's working time, or around the clock", async () => {
    server(ADMIN);
    openDashboard('/admin/agents');
    const panel = await hoursPanel();
    expect(
      within(panel).getByRole('row', { name: /Hardware Team Mon–Fri, 09:00–17:00 \(Europe\/Paris\)/ }),
    ).toBeTruthy();
    expect(within(panel).getByRole('row', { name: /Network Team Around the clock/ })).toBeTruthy();
  });

  it('checks the form before sending it and sends nothing while a field is wrong', async () => {
    const { seen } = server(ADMIN);
    openDashboard('/admin/agents');
    const panel = await hoursPanel();
    fireEvent.click(within(panel).getByRole('button', { name: 'Set hours for Network Team' }));
    const form = within(panel).getByTestId('hours-form');
    for (const day of ['Mon', 'Tue', 'Wed', 'Thu', 'Fri']) fireEvent.click(within(form).getByLabelText(day));
    fireEvent.change(within(form).getByLabelText('Starts at'), { target: { value: '18:00' } });
    await act(async () => fireEvent.click(within(form).getByRole('button', { name: 'Save hours' })));

    expect(within(form).getByTestId('hours-error-days').textContent).toBe('Choose at least one working day.');
    const end = within(form).getByLabelText('Ends at');
    expect(end.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(end.getAttribute('aria-describedby') ?? '')?.textContent).toContain(
      'The end must be after the start',
    );
    expect(seen.filter((request) => request.method === 'PUT')).toHaveLength(0);
  });

  it("shows the server's refusal next to the field it names, then saves the corrected hours", async () => {
    const { seen } = server(ADMIN);
    openDashboard('/admin/agents');
    const panel = await hoursPanel();
    fireEvent.click(within(panel).getByRole('button', { name: 'Set hours for Network Team' }));
    const form = within(panel).getByTestId('hours-form');
    const zone = within(form).getByLabelText('Time zone');
    fireEvent.change(zone, { target: { value: 'Mars/Olympus' } });
    fireEvent.click(within(form).getByLabelText('Sat'));
    await act(async () => fireEvent.click(within(form).getByRole('button', { name: 'Save hours' })));

    expect(await within(form).findByTestId('hours-error-time_zone')).toBeTruthy();
    expect(zone.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(zone.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
      "Unknown time zone 'Mars/Olympus'; use an IANA zone such as Europe/Paris",
    );

    fireEvent.change(zone, { target: { value: 'America/New_York' } });
    fireEvent.change(within(form).getByLabelText('Ends at'), { target: { value: '18:30' } });
    await act(async () => fireEvent.click(within(form).getByRole('button', { name: 'Save hours' })));
    expect(seen.filter((request) => request.method === 'PUT').at(-1)).toEqual({
      method: 'PUT',
      path: '/teams/Network%20Team/hours',
      body: {
        time_zone: 'America/New_York',
        days: ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'],
        start: '09:00',
        end: '18:30',
      },
    });
    expect(await within(panel).findByText('Network Team: Mon–Sat, 09:00–18:30 (America/New_York).')).toBeTruthy();
    expect(within(panel).queryByTestId('hours-form')).toBeNull();
  });

  it("removes a team's hours", async () => {
    const { seen } = server(ADMIN);
    openDashboard('/admin/agents');
    const panel = await hoursPanel();
    await act(async () =>
      fireEvent.click(within(panel).getByRole('button', { name: 'Remove hours of Hardware Team' })),
    );
    expect(seen).toContainEqual({ method: 'DELETE', path: '/teams/Hardware%20Team/hours', body: undefined });
    expect(await within(panel).findByText('Hardware Team: targets count around the clock again.')).toBeTruthy();
    expect(within(panel).queryByRole('button', { name: 'Remove hours of Network Team' })).toBeNull();
  });
});

describe('business hours on the insights page', () => {
  it('are read-only for agents', async () => {
    const { routes } = server(AGENT);
    routes['GET /insights'] = noTickets();
    openDashboard('/analytics');
    const panel = await hoursPanel();
    expect(within(panel).getByRole('row', { name: /Hardware Team Mon–Fri, 09:00–17:00/ })).toBeTruthy();
    expect(within(panel).queryByRole('button')).toBeNull();
  });
});
