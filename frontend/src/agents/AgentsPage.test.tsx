// @vitest-environment happy-dom
import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { Agent, Caller } from '../api/types';
import { fakeServer, openDashboard } from '../test/harness';

vi.mock('socket.io-client', () => import('../test/fakeSocket'));

const ADMIN: Caller = { name: 'root', role: 'admin', auth: 'token' };

const BOB: Agent = {
  name: 'bob',
  email: null,
  teams: ['Hardware Team'],
  availability: 'available',
  max_open_tickets: 5,
  open_tickets: 2,
  updated_at: '2026-12-06T10:00:00Z',
};

function server() {
  return fakeServer({
    'GET /auth/me': ADMIN,
    'GET /teams': [
      { name: 'Hardware Team', examples: 40, ready: true },
      { name: 'Network Team', examples: 40, ready: true },
    ],
    'GET /agents': [BOB],
    'GET /policies': [
      { team: 'Hardware Team', assignment: 'least_loaded', is_default: true },
      { team: 'Network Team', assignment: 'round_robin', is_default: false },
    ],
    'GET /sla': {
      targets: [
        { priority: 'Urgent', first_response_minutes: 60, resolution_minutes: 240 },
        { priority: 'Low', first_response_minutes: 4320, resolution_minutes: 14400 },
      ],
    },
    'PUT /agents/carol': (body: unknown) => ({ ...BOB, name: 'carol', ...(body as object) }),
    'PUT /agents/bob/availability': { ...BOB, availability: 'away' },
    'PUT /teams/Network%20Team/policy': { team: 'Network Team', assignment: 'expertise', is_default: false },
    'PUT /sla': (body: unknown) => body,
  });
}

describe('the agents page', () => {
  it('lists agents with their load, and saves agents, availability, policies and targets', async () => {
    const { seen } = server();
    openDashboard('/admin/agents');

    const agents = await screen.findByTestId('agents');
    expect(within(agents).getByText('2 of 5')).toBeTruthy();

    await act(async () => fireEvent.click(within(agents).getByRole('button', { name: 'Set away' })));
    expect(seen).toContainEqual({ method: 'PUT', path: '/agents/bob/availability', body: { availability: 'away' } });

    const form = screen.getByTestId('agent-form');
    fireEvent.change(within(form).getByLabelText('Name (as they log in)'), { target: { value: 'carol' } });
    fireEvent.click(within(form).getByLabelText('Network Team'));
    fireEvent.change(within(form).getByLabelText('Most open tickets at once'), { target: { value: '3' } });
    await act(async () => fireEvent.click(within(form).getByRole('button', { name: 'Save agent' })));
    expect(seen).toContainEqual({
      method: 'PUT',
      path: '/agents/carol',
      body: { teams: ['Network Team'], max_open_tickets: 3, availability: 'available' },
    });
    expect(await screen.findByText('carol saved.')).toBeTruthy();

    const policies = screen.getByTestId('policies');
    await act(async () =>
      fireEvent.change(within(policies).getByLabelText('Network Team'), { target: { value: 'expertise' } }),
    );
    expect(seen).toContainEqual({
      method: 'PUT',
      path: '/teams/Network%20Team/policy',
      body: { assignment: 'expertise' },
    });

    fireEvent.change(screen.getByLabelText('Urgent first response, minutes'), { target: { value: '30' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save targets' })));
    const saved = seen.filter((request) => request.method === 'PUT' && request.path === '/sla');
    expect(saved.at(-1)?.body).toEqual({
      targets: [
        { priority: 'Urgent', first_response_minutes: 30, resolution_minutes: 240 },
        { priority: 'Low', first_response_minutes: 4320, resolution_minutes: 14400 },
      ],
    });
  });

  it('removes an agent once the admin confirms', async () => {
    const { seen } = fakeServer({
      'GET /auth/me': ADMIN,
      'GET /teams': [],
      'GET /agents': [BOB],
      'GET /policies': [],
      'GET /sla': { targets: [] },
      'DELETE /agents/bob': { detail: 'Deleted', name: 'bob', returned_to_queue: [4, 9] },
    });
    openDashboard('/admin/agents');
    const agents = await screen.findByTestId('agents');

    fireEvent.click(within(agents).getByRole('button', { name: 'Remove…' }));
    fireEvent.click(within(agents).getByRole('button', { name: 'Cancel' }));
    expect(within(agents).queryByRole('button', { name: 'Remove bob' })).toBeNull();

    fireEvent.click(within(agents).getByRole('button', { name: 'Remove…' }));
    expect(seen.filter((request) => request.method === 'DELETE')).toHaveLength(0);
    await act(async () => fireEvent.click(within(agents).getByRole('button', { name: 'Remove bob' })));
    expect(seen).toContainEqual({ method: 'DELETE', path: '/agents/bob', body: undefined });
    expect(await screen.findByText("bob removed; their open tickets went back to their teams' queues.")).toBeTruthy();
  });

  it("tells a non-admin where the teams' settings are shown read-only", async () => {
    // agents may read the agents, policies and targets; only the changes are refused them
    const { seen } = fakeServer({
      'GET /auth/me': { name: 'alice', role: 'agent', auth: 'token' },
      'GET /teams': [],
      'GET /agents': [BOB],
      'GET /policies': [],
      'GET /sla': { targets: [] },
    });
    openDashboard('/admin/agents');
    const notice = await screen.findByTestId('admins-only');
    expect(notice.textContent).toContain('Only admins manage agents and service levels.');
    // where a non-admin reads the same settings, and no control that the API would refuse
    expect(within(notice).getByRole('link', { name: 'Teams page' }).getAttribute('href')).toBe('/team-settings');
    expect(screen.queryAllByRole('button', { name: /Save|Set|Remove/ })).toHaveLength(0);
    expect(seen.filter((request) => request.path === '/policies' || request.path === '/sla')).toEqual([]);
  });
});
