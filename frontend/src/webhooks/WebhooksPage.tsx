import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../api/client';
import { formatDate } from '../ui/format';
import { ErrorState, Loading } from '../ui/States';
import { webhooksApi, type Delivery, type Webhook } from './webhooksApi';
import { canRedeliver, describeDelivery, subscriptionState, tally } from './webhooksModel';
import './webhooks.css';

type Load =
  | { state: 'loading' }
  | { state: 'failed'; message: string }
  | { state: 'ready'; hooks: { webhook: Webhook; deliveries: Delivery[] }[] };

/** Admins' view of the outbound webhooks: each subscription with its recent deliveries. */
export function WebhooksPage() {
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [notice, setNotice] = useState<string>();
  const reload = useCallback(() => setAttempt((n) => n + 1), []);

  useEffect(() => {
    let active = true;
    webhooksApi
      .list()
      .then((webhooks) =>
        Promise.all(
          webhooks.map(async (webhook) => ({ webhook, deliveries: await webhooksApi.deliveries(webhook.id) })),
        ),
      )
      .then((hooks) => active && setLoad({ state: 'ready', hooks }))
      .catch((error: unknown) => {
        if (!active) return;
        const message =
          error instanceof ApiError && error.status === 403
            ? 'Only admins manage webhooks.'
            : error instanceof Error
              ? error.message
              : String(error);
        setLoad({ state: 'failed', message });
      });
    return () => {
      active = false;
    };
  }, [attempt]);

  const act = (action: Promise<unknown>, done: string) =>
    action
      .then(() => {
        setNotice(done);
        reload();
      })
      .catch((error: unknown) => setNotice(error instanceof Error ? error.message : String(error)));

  return (
    <section aria-labelledby="webhooks-title">
      <div className="page-header">
        <div>
          <h1 id="webhooks-title">Webhooks</h1>
          <p className="webhooks-intro">
            Events sent to other systems, signed and retried. Subscriptions are made through the API (
            <a href="/docs#/Webhooks">POST /webhooks</a>).
          </p>
        </div>
        <button type="button" className="button" onClick={reload}>
          Refresh
        </button>
      </div>
      {notice && (
        <p role="status" className="notice">
          {notice}
        </p>
      )}
      {load.state === 'loading' && <Loading what="webhooks" />}
      {load.state === 'failed' && <ErrorState message={load.message} onRetry={reload} />}
      {load.state === 'ready' && load.hooks.length === 0 && <p className="state">No webhook subscriptions yet.</p>}
      {load.state === 'ready' &&
        load.hooks.map(({ webhook, deliveries }) => (
          <WebhookPanel
            key={webhook.id}
            webhook={webhook}
            deliveries={deliveries}
            onRedeliver={(delivery) =>
              act(webhooksApi.redeliver(webhook.id, delivery.id), `Delivery ${delivery.id} queued again.`)
            }
            onToggle={() =>
              act(
                webhooksApi.setActive(webhook.id, !webhook.active),
                webhook.active ? `Webhook ${webhook.id} paused.` : `Webhook ${webhook.id} re-enabled.`,
              )
            }
          />
        ))}
    </section>
  );
}

export function WebhookPanel({
  webhook,
  deliveries,
  onRedeliver,
  onToggle,
}: {
  webhook: Webhook;
  deliveries: Delivery[];
  onRedeliver: (delivery: Delivery) => void;
  onToggle: () => void;
}) {
  const status = subscriptionState(webhook);
  const headingId = `webhook-${webhook.id}`;
  return (
    <article className="panel webhook" aria-labelledby={headingId}>
      <header className="page-header">
        <div>
          <h2 id={headingId}>
            #{webhook.id} <code>{webhook.url}</code>
          </h2>
          <p className="muted">
            {webhook.description ? `${webhook.description} · ` : ''}
            {webhook.events.join(', ')}
            {webhook.internal_comments ? ' · with internal comments' : ''}
          </p>
          {webhook.paused_reason && <p className="muted">Paused: {webhook.paused_reason}</p>}
        </div>
        <div>
          <span className={`webhook-badge webhook-${status.tone}`}>{status.label}</span>{' '}
          <button type="button" className="button" onClick={onToggle}>
            {webhook.active ? 'Pause' : 'Re-enable'}
          </button>
        </div>
      </header>
      {deliveries.length === 0 ? (
        <p className="muted">No deliveries yet.</p>
      ) : (
        <div className="table-scroll">
          <table className="data">
            <caption>Recent deliveries: {tally(deliveries)}</caption>
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col">Occurred</th>
                <th scope="col">State</th>
                <th scope="col">Delivery id</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {deliveries.map((delivery) => (
                <tr key={delivery.id}>
                  <td>{delivery.event}</td>
                  <td>{formatDate(delivery.occurred_at)}</td>
                  <td className={`delivery-${delivery.state}`}>{describeDelivery(delivery)}</td>
                  <td>
                    <code>{delivery.id}</code>
                  </td>
                  <td>
                    {canRedeliver(delivery) && (
                      <button
                        type="button"
                        className="button"
                        onClick={() => onRedeliver(delivery)}
                        aria-label={`Redeliver ${delivery.event} ${delivery.id}`}
                      >
                        Redeliver
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </article>
  );
}
