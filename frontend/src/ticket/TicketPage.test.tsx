// @vitest-environment happy-dom
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Correction } from '../api/types';
import { aTicket, anExplanation } from '../test/fixtures';
import { AGENT, fakeServer, openDashboard } from '../test/harness';

vi.mock('socket.io-client', () => import('../test/fakeSocket'));

const CORRECTION: Correction = {
  ticket_id: 1,
  field: 'priority',
  old_value: 'Medium',
  new_value: 'High',
  changed_by: 'bob',
  created_at: '2026-03-01T11:00:00Z',
};

describe('the ticket page', () => {
  it('shows who created the ticket, the decision with its nearest examples, and the corrections so far', async () => {
    fakeServer({
      'GET /auth/me': AGENT,
      'GET /teams': [
        { name: 'Hardware Team', examples: 40, ready: true },
        { name: 'Network Team', examples: 30, ready: true },
      ],
      'GET /tickets/1': aTicket({ created_by: 'carol' }),
      'GET /tickets/1/explanation': anExplanation({
        nearest_examples: [
          {
            example_id: 7,
            title: 'Monitor goes black when docked',
            team: 'Hardware Team',
            similarity: 0.83,
            ticket_id: null,
            source: 'starter',
          },
          {
            example_id: 9,
            title: 'Dock resets the screen',
            team: 'Hardware Team',
            similarity: 0.8,
            ticket_id: 12,
            source: 'ticket',
          },
        ],
      }),
      'GET /tickets/1/comments': [],
      'GET /tickets/1/corrections': [CORRECTION],
    });
    openDashboard('/ticket/1');

    expect((await screen.findByTestId('created-by')).textContent).toBe('carol');
    const history = screen.getByTestId('history');
    expect(within(history).getByText('Created by carol')).toBeTruthy();
    expect((await within(history).findByTestId('correction')).textContent).toContain(
      'bob changed the priority from Medium to High',
    );
    const explanation = await screen.findByTestId('explanation');
    expect(within(explanation).getByRole('row', { name: /Hardware Team 91\.0%/ })).toBeTruthy();
    expect(within(explanation).getByTestId('language').textContent).toBe('English');
    expect(within(explanation).getByText('Monitor goes black when docked').tagName).toBe('SPAN');
    const learnt = within(explanation).getByRole('link', { name: '#12 Dock resets the screen' });
    expect(learnt.getAttribute('href')).toBe('/ticket/12');
  });

  it('names the helpdesk a ticket came from', async () => {
    fakeServer({
      'GET /auth/me': AGENT,
      'GET /teams': [],
      'GET /tickets/1': aTicket({ channel: 'zammad', created_by: 'zammad' }),
      'GET /tickets/1/explanation': anExplanation(),
      'GET /tickets/1/comments': [],
      'GET /tickets/1/corrections': [],
    });
    openDashboard('/ticket/1');

    expect((await screen.findByTestId('channel')).textContent).toBe('Zammad');
  });

  it('shows that a ticket came by e-mail and from which address', async () => {
    fakeServer({
      'GET /auth/me': AGENT,
      'GET /teams': [],
      'GET /tickets/1': aTicket({
        channel: 'email',
        requester_email: 'alice@example.com',
        created_by: 'alice@example.com',
      }),
      'GET /tickets/1/explanation': anExplanation(),
      'GET /tickets/1/comments': [],
      'GET /tickets/1/corrections': [],
    });
    openDashboard('/ticket/1');

    expect((await screen.findByTestId('channel')).textContent).toBe('E-mail');
    const requester = await screen.findByTestId('requester-email');
    expect(within(requester).getByRole('link', { name: 'alice@example.com' }).getAttribute('href')).toBe(
      'mailto:alice@example.com',
    );
    expect(screen.queryByTestId('created-by')).toBeNull();
  });

  it('shows who the ticket is assigned to and why, its service-level times and a breach', async () => {
    fakeServer({
      'GET /auth/me': AGENT,
      'GET /teams': [],
      'GET /tickets/1': aTicket({
        assignee: 'bob',
        assignment_reason: 'least loaded: 1 open ticket',
        first_response_due: '2026-03-01T11:00:00Z',
        first_response_at: '2026-03-01T10:20:00Z',
        resolution_due: '2026-03-01T14:00:00Z',
        sla_breached: true,
      }),
      'GET /tickets/1/explanation': anExplanation(),
      'GET /tickets/1/comments': [],
      'GET /tickets/1/corrections': [],
    });
    openDashboard('/ticket/1');

    const assignee = await screen.findByTestId('ticket-assignee');
    expect(assignee.textContent).toContain('bob');
    expect(assignee.textContent).toContain('least loaded: 1 open ticket');
    expect(screen.getByTestId('first-response').textContent).toMatch(/^answered /);
    expect(within(screen.getByTestId('resolution-due')).getByTestId('sla-breached')).toBeTruthy();
  });

  it('shows what the requester asked for where the engine decided otherwise', async () => {
    fakeServer({
      'GET /auth/me': AGENT,
      'GET /teams': [],
      'GET /tickets/1': aTicket({
        priority: 'Urgent',
        level: 'Tier 2',
        requested_priority: 'Medium',
        requested_level: 'Tier 2',
      }),
      'GET /tickets/1/explanation': anExplanation(),
      'GET /tickets/1/comments': [],
      'GET /tickets/1/corrections': [],
    });
    openDashboard('/ticket/1');

    expect((await screen.findByTestId('requested')).textContent).toBe('priority Medium (now Urgent)');
  });

  it("sends an agent's correction and reads the history again", async () => {
    const server = fakeServer({
      'GET /auth/me': AGENT,
      'GET /teams': [
        { name: 'Hardware Team', examples: 40, ready: true },
        { name: 'Network Team', examples: 30, ready: true },
      ],
      'GET /tickets/1': aTicket(),
      'GET /tickets/1/explanation': anExplanation(),
      'GET /tickets/1/comments': [],
      'GET /tickets/1/corrections': [],
      'PATCH /tickets/1': aTicket({ assigned_to: 'Network Team', updated_at: '2026-03-01T12:00:00Z' }),
    });
    openDashboard('/ticket/1');
    const user = userEvent.setup();

    await user.selectOptions(await screen.findByRole('combobox', { name: 'Team' }), 'Network Team');
    server.routes['GET /tickets/1/corrections'] = [
      {
        ...CORRECTION,
        field: 'assigned_to',
        old_value: 'Hardware Team',
        new_value: 'Network Team',
        changed_by: 'alice',
      },
    ];
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    expect((await screen.findByTestId('assigned-to')).textContent).toBe('Network Team');
    expect(server.seen.find((request) => request.method === 'PATCH')?.body).toEqual({ assigned_to: 'Network Team' });
    expect((await screen.findByTestId('correction')).textContent).toContain(
      'alice changed the team from Hardware Team to Network Team',
    );
  });
});
