import { ApiError, csrfToken, UNAUTHORIZED_EVENT } from '../api/client';

/** A webhook subscription as GET /webhooks answers (never its secret). */
export interface Webhook {
  id: number;
  url: string;
  events: string[];
  description: string | null;
  internal_comments: boolean;
  active: boolean;
  paused_reason: string | null;
  failing_since: string | null;
  created_at: string;
  updated_at: string;
}

export type DeliveryState = 'pending' | 'sending' | 'delivered' | 'failed';

/** One event for one subscription, as GET /webhooks/{id}/deliveries answers. */
export interface Delivery {
  id: string;
  webhook_id: number;
  event: string;
  state: DeliveryState;
  attempts: number;
  last_status: number | null;
  last_error: string | null;
  next_attempt_at: string | null;
  delivered_at: string | null;
  occurred_at: string;
  created_at: string;
  redelivery_of: string | null;
}

async function call<T>(path: string, init?: RequestInit): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (init?.body) headers['Content-Type'] = 'application/json';
  const token = init?.method && init.method !== 'GET' ? csrfToken() : undefined;
  if (token) headers['X-XSRF-TOKEN'] = token;
  let response: Response;
  try {
    response = await fetch(path, { ...init, credentials: 'same-origin', headers });
  } catch {
    throw new ApiError(0, 'The server cannot be reached. Check that Ticket Triage is running.');
  }
  if (!response.ok) {
    if (response.status === 401) window.dispatchEvent(new Event(UNAUTHORIZED_EVENT));
    let detail = `The server answered ${response.status}`;
    try {
      const problem = (await response.json()) as { detail?: unknown };
      if (typeof problem.detail === 'string' && problem.detail) detail = problem.detail;
    } catch {
      // not a problem document: the status says enough
    }
    throw new ApiError(response.status, detail);
  }
  return response.status === 204 ? (undefined as T) : ((await response.json()) as T);
}

export const webhooksApi = {
  list: () => call<Webhook[]>('/webhooks'),
  deliveries: (id: number, limit = 20) => call<Delivery[]>(`/webhooks/${id}/deliveries?limit=${limit}`),
  redeliver: (id: number, delivery: string) =>
    call<Delivery>(`/webhooks/${id}/deliveries/${encodeURIComponent(delivery)}/redeliver`, { method: 'POST' }),
  setActive: (id: number, active: boolean) =>
    call<Webhook>(`/webhooks/${id}`, { method: 'PATCH', body: JSON.stringify({ active }) }),
};
