import { describe, expect, it } from 'vitest';
import { backendPrefixes, devProxy, readOpenApi } from './devProxy';

const proxy = devProxy('http://localhost:8000', readOpenApi());
const proxied = (url: string) =>
  Object.keys(proxy).some((key) => new RegExp(key.startsWith('^') ? key : `^${key}`).test(url));

describe('the development proxy', () => {
  it('sends every path the API describes to the product', () => {
    const paths = Object.keys(readOpenApi().paths).map((path) => path.replace(/\{[^}]+\}/g, '42'));
    expect(paths.length).toBeGreaterThan(10);
    for (const path of paths) expect(proxied(path), path).toBe(true);
    for (const path of ['/auth/me', '/login?code=abc', '/tokens', '/incidents/3', '/socket.io/?EIO=4', '/docs'])
      expect(proxied(path), path).toBe(true);
  });

  it("leaves the dashboard's own pages and Vite's files to Vite", () => {
    for (const path of ['/', '/ticket/42', '/analytics', '/src/main.tsx', '/@vite/client', '/favicon.svg'])
      expect(proxied(path), path).toBe(false);
  });

  it('serves the login page from Vite and sends a one-time login link to the product', () => {
    const login = Object.entries(proxy).find(([key]) => key.includes('login'))![1];
    const bypass = login.bypass as (request: { url?: string }) => string | undefined;
    expect(bypass({ url: '/login' })).toBe('/index.html');
    expect(bypass({ url: '/login?error=link' })).toBe('/index.html');
    expect(bypass({ url: '/login?code=abc' })).toBeUndefined();
  });

  it('derives one prefix per first path segment', () => {
    expect(backendPrefixes({ paths: { '/tickets': {}, '/tickets/{id}/comments': {}, '/auth/me': {} } })).toEqual([
      '/actuator',
      '/auth',
      '/docs',
      '/openapi.json',
      '/redoc',
      '/swagger-ui',
      '/tickets',
    ]);
  });
});
