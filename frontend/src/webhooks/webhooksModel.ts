import type { Delivery, Webhook } from './webhooksApi';

/** What an admin needs to read of one delivery's state, in words. */
export function describeDelivery(delivery: Delivery): string {
  const tries = delivery.attempts === 1 ? '1 attempt' : `${delivery.attempts} attempts`;
  switch (delivery.state) {
    case 'delivered':
      return `Delivered (${tries}${delivery.last_status ? `, HTTP ${delivery.last_status}` : ''})`;
    case 'failed':
      return `Failed after ${tries}: ${delivery.last_error ?? 'no answer'}`;
    case 'sending':
      return `Sending (attempt ${delivery.attempts})`;
    default:
      return delivery.attempts === 0
        ? 'Waiting to be sent'
        : `Retrying after ${tries}: ${delivery.last_error ?? 'no answer'}`;
  }
}

/** A delivery that is finished, either way, can be sent again; one still in progress will be anyway. */
export function canRedeliver(delivery: Delivery): boolean {
  return delivery.state === 'delivered' || delivery.state === 'failed';
}

/** The subscription's state as a short badge text. */
export function subscriptionState(webhook: Webhook): { label: string; tone: 'ok' | 'paused' | 'failing' } {
  if (!webhook.active) return { label: webhook.paused_reason ? 'Paused: failing' : 'Paused', tone: 'paused' };
  if (webhook.failing_since) return { label: 'Failing', tone: 'failing' };
  return { label: 'Active', tone: 'ok' };
}

/** Counts by state, for the line above each subscription's deliveries. */
export function tally(deliveries: Delivery[]): string {
  const counts = new Map<string, number>();
  for (const delivery of deliveries) counts.set(delivery.state, (counts.get(delivery.state) ?? 0) + 1);
  return ['delivered', 'pending', 'sending', 'failed']
    .filter((state) => counts.has(state))
    .map((state) => `${counts.get(state)} ${state}`)
    .join(', ');
}
