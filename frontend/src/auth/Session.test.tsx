// @vitest-environment happy-dom
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { AGENT, fakeServer, openDashboard } from '../test/harness';

vi.mock('socket.io-client', () => import('../test/fakeSocket'));

describe('the login page', () => {
  it('opens a session with a pasted token and then shows the board', async () => {
    const server = fakeServer({
      'GET /auth/me': () => Response.json({ status: 401, detail: 'Log in' }, { status: 401 }),
      'POST /auth/session': AGENT,
      'GET /teams': [],
      'GET /tickets': [],
    });
    openDashboard('/');
    const user = userEvent.setup();

    await user.type(await screen.findByLabelText('API token'), 'tt_secret');
    server.routes['GET /auth/me'] = AGENT;
    await user.click(screen.getByRole('button', { name: /log in/i }));

    expect(await screen.findByRole('heading', { name: 'Board' })).toBeTruthy();
    expect(server.seen.find((request) => request.method === 'POST')?.body).toEqual({ token: 'tt_secret' });
  });
});
