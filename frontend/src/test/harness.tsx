import { cleanup, configure, render } from '@testing-library/react';
import { afterEach, vi } from 'vitest';
import { App } from '../App';
import type { Caller } from '../api/types';

/** A request the dashboard made, as the fake server saw it. */
export interface Seen {
  method: string;
  path: string;
  body: unknown;
}

/** An answer: a JSON body (status 200), a function of the request's body, or a full Response. */
type Answer = unknown | ((body: unknown) => unknown);

export const AGENT: Caller = { name: 'alice', role: 'agent', auth: 'token' };

/**
 * The API at the network edge: `fetch` answers from `routes`, keyed "METHOD /path" (with or without the query);
 * anything else is a 404 problem. The dashboard's own client code runs unchanged.
 */
export function fakeServer(routes: Record<string, Answer>) {
  const seen: Seen[] = [];
  vi.stubGlobal('fetch', async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost');
    const method = init?.method ?? 'GET';
    const body: unknown = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    seen.push({ method, path: url.pathname + url.search, body });
    const answer = routes[`${method} ${url.pathname}${url.search}`] ?? routes[`${method} ${url.pathname}`];
    if (answer === undefined) {
      return Response.json({ status: 404, detail: `nothing at ${url.pathname}` }, { status: 404 });
    }
    const value = typeof answer === 'function' ? (answer as (body: unknown) => unknown)(body) : answer;
    return value instanceof Response ? value : Response.json(value);
  });
  return { routes, seen };
}

/** The whole dashboard, opened at `path`, as a logged-in caller would see it. */
export function openDashboard(path: string) {
  window.history.replaceState(null, '', path);
  return render(<App />);
}

// The first screen of a file loads its modules (chart.js, for one) on a busy build machine: more than a second.
configure({ asyncUtilTimeout: 10_000 });

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});
