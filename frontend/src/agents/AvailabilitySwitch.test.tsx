// @vitest-environment happy-dom
import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { Agent } from '../api/types';
import { AGENT, fakeServer, openDashboard } from '../test/harness';

vi.mock('socket.io-client', () => import('../test/fakeSocket'));

const PROFILE: Agent = {
  name: AGENT.name,
  email: null,
  teams: ['Hardware Team'],
  availability: 'available',
  max_open_tickets: 5,
  open_tickets: 1,
  updated_at: '2026-12-06T10:00:00Z',
};

describe('the availability switch', () => {
  it('lets an agent with a profile go away and come back', async () => {
    const { seen } = fakeServer({
      'GET /auth/me': AGENT,
      'GET /teams': [],
      'GET /tickets': [],
      'GET /agents': [PROFILE],
      'PUT /agents/alice/availability': (body: unknown) => ({ ...PROFILE, ...(body as object) }),
    });
    openDashboard('/');

    const switcher = await screen.findByTestId('availability');
    await act(async () => fireEvent.click(within(switcher).getByRole('button', { name: 'Available' })));
    expect(seen).toContainEqual({ method: 'PUT', path: '/agents/alice/availability', body: { availability: 'away' } });
    expect(within(switcher).getByRole('button', { name: 'Away' })).toBeTruthy();
  });

  it('is not offered to an agent without a profile', async () => {
    fakeServer({ 'GET /auth/me': AGENT, 'GET /teams': [], 'GET /tickets': [], 'GET /agents': [] });
    openDashboard('/');
    await screen.findByTestId('caller');
    expect(screen.queryByTestId('availability')).toBeNull();
  });
});
