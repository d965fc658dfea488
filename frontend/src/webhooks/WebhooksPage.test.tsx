import { isValidElement, type ReactElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { routeOf } from '../ui/router';
import { WebhookPanel } from './WebhooksPage';
import type { Delivery, Webhook } from './webhooksApi';
import { canRedeliver, describeDelivery, subscriptionState, tally } from './webhooksModel';

const HOOK: Webhook = {
  id: 3,
  url: 'https://hooks.example.org/triage',
  events: ['ticket_routed', 'ticket_needs_review'],
  description: 'On-call channel',
  internal_comments: false,
  active: true,
  paused_reason: null,
  failing_since: null,
  created_at: '2026-12-06T10:00:00Z',
  updated_at: '2026-12-06T10:00:00Z',
};

function delivery(state: Delivery['state'], extra: Partial<Delivery> = {}): Delivery {
  return {
    id: `d-${state}`,
    webhook_id: 3,
    event: 'ticket_routed',
    state,
    attempts: 1,
    last_status: null,
    last_error: null,
    next_attempt_at: null,
    delivered_at: null,
    occurred_at: '2026-12-06T10:05:00Z',
    created_at: '2026-12-06T10:05:00Z',
    redelivery_of: null,
    ...extra,
  };
}

/** The tests run without a DOM, so buttons are found in the element tree to call their handlers. */
function buttons(node: ReactNode): ReactElement<{ onClick: () => void; children: ReactNode }>[] {
  if (Array.isArray(node)) return node.flatMap(buttons);
  if (!isValidElement<{ children?: ReactNode }>(node)) return [];
  if (typeof node.type === 'function') {
    return buttons((node.type as (props: unknown) => ReactNode)(node.props));
  }
  const own = node.type === 'button' ? [node as ReactElement<{ onClick: () => void; children: ReactNode }>] : [];
  return [...own, ...[node.props.children].flat().flatMap(buttons)];
}

describe('webhooks page', () => {
  it('lists a subscription with its deliveries and offers to redeliver finished ones only', () => {
    const deliveries = [
      delivery('failed', { last_status: 400, last_error: 'HTTP 400' }),
      delivery('pending', { attempts: 2, last_error: 'connection refused or unreachable' }),
      delivery('delivered', { last_status: 200 }),
    ];
    const html = renderToStaticMarkup(
      <WebhookPanel webhook={HOOK} deliveries={deliveries} onRedeliver={() => {}} onToggle={() => {}} />,
    );
    expect(html).toContain('https://hooks.example.org/triage');
    expect(html).toContain('ticket_routed, ticket_needs_review');
    expect(html).toContain('Failed after 1 attempt: HTTP 400');
    expect(html).toContain('Retrying after 2 attempts: connection refused or unreachable');
    expect(html).toContain('Recent deliveries: 1 delivered, 1 pending, 1 failed');
    expect(html.match(/>Redeliver</g)).toHaveLength(2);
  });

  it('calls back with the delivery to send again and to pause', () => {
    const onRedeliver = vi.fn();
    const onToggle = vi.fn();
    const failed = delivery('failed', { last_error: 'HTTP 410' });
    const tree = WebhookPanel({ webhook: HOOK, deliveries: [failed], onRedeliver, onToggle });
    const [pause, redeliver] = buttons(tree);
    if (!pause || !redeliver) throw new Error('the panel has no Pause and Redeliver buttons');
    expect(pause.props.children).toBe('Pause');
    redeliver.props.onClick();
    pause.props.onClick();
    expect(onRedeliver).toHaveBeenCalledWith(failed);
    expect(onToggle).toHaveBeenCalledOnce();
  });

  it('says why a subscription was paused and offers to re-enable it', () => {
    const paused = { ...HOOK, active: false, paused_reason: 'every delivery failed for 24h (last: HTTP 503)' };
    const html = renderToStaticMarkup(
      <WebhookPanel webhook={paused} deliveries={[]} onRedeliver={() => {}} onToggle={() => {}} />,
    );
    expect(html).toContain('Paused: every delivery failed for 24h (last: HTTP 503)');
    expect(html).toContain('Re-enable');
    expect(subscriptionState(paused)).toEqual({ label: 'Paused: failing', tone: 'paused' });
    expect(subscriptionState({ ...HOOK, failing_since: '2026-12-06T10:00:00Z' }).tone).toBe('failing');
  });

  it('describes each state in words', () => {
    expect(describeDelivery(delivery('delivered', { last_status: 204 }))).toBe('Delivered (1 attempt, HTTP 204)');
    expect(describeDelivery(delivery('pending', { attempts: 0 }))).toBe('Waiting to be sent');
    expect(describeDelivery(delivery('sending', { attempts: 3 }))).toBe('Sending (attempt 3)');
    expect(canRedeliver(delivery('sending'))).toBe(false);
    expect(tally([])).toBe('');
  });

  it('lives at /admin/webhooks, apart from the API at /webhooks', () => {
    expect(routeOf('/admin/webhooks')).toEqual({ page: 'webhooks' });
    expect(routeOf('/webhooks')).toEqual({ page: 'missing' });
  });
});
