import { readFileSync } from 'node:fs';
import type { ProxyOptions } from 'vite';

/**
 * What `npm run dev` sends to the product: every path the API describes in openapi.json (the committed copy of
 * the controllers' mappings, kept current by a test), plus the few it does not describe. Everything else is the
 * dashboard, served by Vite.
 */
const UNDOCUMENTED = ['/openapi.json', '/docs', '/swagger-ui', '/redoc', '/actuator'];

/** The first segment of every documented path, e.g. `/tickets` for `/tickets/{id}/comments`. */
export function backendPrefixes(openApi: { paths: Record<string, unknown> }): string[] {
  const documented = Object.keys(openApi.paths).map((path) => `/${path.split('/')[1]}`);
  return [...new Set([...documented, ...UNDOCUMENTED])].sort();
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function devProxy(backend: string, openApi: { paths: Record<string, unknown> }): Record<string, ProxyOptions> {
  // Anchored patterns: /tickets must not swallow the dashboard's own /ticket/42.
  const api = Object.fromEntries(
    backendPrefixes(openApi).map((prefix) => [
      `^${escape(prefix)}(?:[/?]|$)`,
      {
        target: backend,
        changeOrigin: true,
        // the product's redirects (after a login link, for one) lead back to the dev server, not to the product
        autoRewrite: true,
        // The login page itself is the dashboard's; only a one-time link (with its code) goes to the product.
        ...(prefix === '/login' && {
          bypass: (request: { url?: string }) =>
            new URL(request.url ?? '/', 'http://dev').searchParams.has('code') ? undefined : '/index.html',
        }),
      } satisfies ProxyOptions,
    ]),
  );
  return { ...api, '/socket.io': { target: backend, ws: true, changeOrigin: true } };
}

export function readOpenApi(path = new URL('./openapi.json', import.meta.url)): { paths: Record<string, unknown> } {
  return JSON.parse(readFileSync(path, 'utf8')) as { paths: Record<string, unknown> };
}
