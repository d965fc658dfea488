import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, ApiError } from './client';

function answer(
  status: number,
  body: string,
  contentType = 'application/problem+json',
  headers: Record<string, string> = {},
) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response(body, { status, headers: { 'Content-Type': contentType, ...headers } })),
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('api client', () => {
  it('carries the problem detail and the field errors of a refused request', async () => {
    answer(
      422,
      JSON.stringify({
        status: 422,
        detail: 'title is required and must not be blank',
        errors: [{ field: 'title', message: 'is required and must not be blank' }],
      }),
    );
    const error = await api.createTicket({ title: '', description: '' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(422);
    expect((error as ApiError).message).toBe('title is required and must not be blank');
    expect((error as ApiError).messageFor('title')).toBe('is required and must not be blank');
    expect((error as ApiError).messageFor('description')).toBeUndefined();
  });

  it('falls back to the status when the error is not a problem document', async () => {
    answer(502, '<html>Bad Gateway</html>', 'text/html');
    const error = (await api.getTicket(1).catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(502);
    expect(error.message).toContain('502');
  });

  it('reads a 404 of an optional endpoint as "not offered"', async () => {
    answer(404, JSON.stringify({ status: 404, detail: 'No static resource insights.' }));
    await expect(api.insights(30)).resolves.toBeNull();
  });

  it('refuses a successful answer that is not JSON', async () => {
    answer(200, '<!doctype html>', 'text/html');
    const error = (await api.getTicket(1).catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.message).toContain('not JSON');
  });

  it('passes the next-page cursor on', async () => {
    answer(200, '[]', 'application/json', { 'X-Next-Cursor': '41' });
    await expect(api.listTickets(50)).resolves.toEqual({ tickets: [], nextCursor: '41' });
  });

  it('says so when the server cannot be reached', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    const error = (await api.getTicket(1).catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(0);
    expect(error.message).toContain('cannot be reached');
  });
});
