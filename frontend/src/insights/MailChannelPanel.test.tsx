// @vitest-environment happy-dom
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { MailStatus } from '../api/types';
import { noTickets } from '../test/fixtures';
import { AGENT, fakeServer, openDashboard } from '../test/harness';

vi.mock('socket.io-client', () => import('../test/fakeSocket'));
vi.mock('./Chart', () => import('../test/fakeChart'));

function mailStatus(days: number, received: number): MailStatus {
  return {
    enabled: true,
    sending: true,
    mailbox: 'imap://support@mail.example.com:143/INBOX',
    channel: 'up',
    watch: 'idle',
    last_poll: '2026-03-01T10:00:00Z',
    error: null,
    window_days: days,
    since: '2026-02-01T00:00:00Z',
    received,
    tickets_created: received - 3,
    replies_threaded: 2,
    set_aside: 1,
    rejected: 1,
    mails_sent: 9,
    mails_waiting: 1,
    mails_failed: 0,
  };
}

describe('the e-mail channel on the insights page', () => {
  it('shows what the mailbox brought in and what was mailed, over the chosen period', async () => {
    const server = fakeServer({
      'GET /auth/me': AGENT,
      'GET /teams': [],
      'GET /insights?days=30': noTickets(),
      'GET /insights?days=7': noTickets(7),
      'GET /mail/status?days=30': mailStatus(30, 12),
      'GET /mail/status?days=7': mailStatus(7, 5),
    });
    openDashboard('/analytics');

    const panel = await screen.findByRole('region', { name: 'E-mail channel' });
    expect(panel.textContent).toContain('imap://support@mail.example.com:143/INBOX: reachable');
    expect(panel.textContent).toContain('IMAP IDLE');
    expect(panel.textContent).toContain('(last looked at ');
    expect(screen.getByRole('row', { name: 'Messages received 12' })).toBeTruthy();
    expect(screen.getByRole('row', { name: 'Tickets created 9' })).toBeTruthy();
    expect(screen.getByRole('row', { name: 'Replies added as comments 2' })).toBeTruthy();
    expect(screen.getByRole('row', { name: 'Notifications sent 9' })).toBeTruthy();
    expect(screen.getByRole('row', { name: 'of which could not be read or were too large 1' })).toBeTruthy();

    await userEvent.setup().selectOptions(screen.getByRole('combobox'), '7');
    expect(await screen.findByRole('row', { name: 'Messages received 5' })).toBeTruthy();
    expect(server.seen.map((request) => request.path)).toContain('/mail/status?days=7');
    expect(screen.queryByTestId('mail-error')).toBeNull();
  });

  it('says why the mailbox cannot be reached', async () => {
    fakeServer({
      'GET /auth/me': AGENT,
      'GET /teams': [],
      'GET /insights?days=30': noTickets(),
      'GET /mail/status?days=30': {
        ...mailStatus(30, 12),
        channel: 'down',
        last_poll: null,
        error: 'The mail server refused the login for support',
      },
    });
    openDashboard('/analytics');

    const panel = await screen.findByRole('region', { name: 'E-mail channel' });
    expect(panel.textContent).toContain('cannot be reached: mail waits in the mailbox');
    expect(panel.textContent).not.toContain('last looked at');
    expect(screen.getByTestId('mail-error').textContent).toBe(
      'Last error: The mail server refused the login for support',
    );
  });
});
