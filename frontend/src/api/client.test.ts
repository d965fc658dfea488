import { afterEach, describe, expect, it, vi } from 'vitest';
import { linkProblem } from '../auth/Session';
import { api, ApiError, csrfToken, UNAUTHORIZED_EVENT } from './client';

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

  it('reads a 404 of an explanation as "not triaged yet", and of insights as a failure', async () => {
    answer(404, JSON.stringify({ status: 404, detail: 'Ticket 1 has not been triaged yet' }));
    await expect(api.explanation(1)).resolves.toBeNull();
    answer(404, JSON.stringify({ status: 404, detail: 'No static resource insights.' }));
    await expect(api.insights(30)).rejects.toBeInstanceOf(ApiError);
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

describe('access', () => {
  it('sends the CSRF cookie back in a header on changes, not on reads', async () => {
    vi.stubGlobal('document', { cookie: 'XSRF-TOKEN=abc%2D123' });
    const fetchMock = vi.fn(
      async () => new Response('{}', { status: 200, headers: { 'Content-Type': 'application/json' } }),
    );
    vi.stubGlobal('fetch', fetchMock);
    await api.getTicket(1);
    await api.changeStatus(1, 'closed');
    const headers = (call: number) => (fetchMock.mock.calls[call] as unknown as [string, RequestInit])[1].headers;
    expect(headers(0)).not.toHaveProperty('X-XSRF-TOKEN');
    expect(headers(1)).toHaveProperty('X-XSRF-TOKEN', 'abc-123');
  });

  it('reads the CSRF token among other cookies', () => {
    expect(csrfToken('a=1; XSRF-TOKEN=t0k%3Den; b=2')).toBe('t0k=en');
    expect(csrfToken('a=1')).toBeUndefined();
  });

  it('tells the application when the session is no longer accepted', async () => {
    const signedOut = vi.fn();
    const page = new EventTarget();
    page.addEventListener(UNAUTHORIZED_EVENT, signedOut);
    vi.stubGlobal('window', page);
    answer(401, JSON.stringify({ status: 401, detail: 'This API needs a token' }));
    const error = (await api.getTicket(1).catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(401);
    expect(signedOut).toHaveBeenCalledOnce();
  });

  it('explains a login link that was already used', () => {
    expect(linkProblem('?error=link')).toContain('already been used');
    expect(linkProblem('')).toBeUndefined();
  });
});
