import type {
  Agent,
  AgentProfile,
  AgentRemoved,
  Caller,
  Comment,
  ConnectorInsights,
  Correction,
  Explanation,
  Incident,
  Insights,
  MailStatus,
  NewTicket,
  ServiceTarget,
  Team,
  TeamHours,
  TeamHoursChange,
  TeamPolicy,
  Ticket,
  TicketChange,
} from './types';

/** A field error as the API reports it in a problem+json `errors` list. */
export interface FieldError {
  field: string;
  message: string;
}

/** A refused or failed request, carrying the API's problem+json details when it sent them. */
export class ApiError extends Error {
  readonly status: number;
  readonly fieldErrors: FieldError[];

  constructor(status: number, detail: string, fieldErrors: FieldError[] = []) {
    super(detail);
    this.name = 'ApiError';
    this.status = status;
    this.fieldErrors = fieldErrors;
  }

  messageFor(field: string): string | undefined {
    return this.fieldErrors.find((error) => error.field === field)?.message;
  }
}

async function problemOf(response: Response): Promise<ApiError> {
  let detail = `The server answered ${response.status} ${response.statusText}`.trim();
  let errors: FieldError[] = [];
  try {
    const body: unknown = await response.json();
    if (body && typeof body === 'object') {
      const problem = body as { detail?: unknown; title?: unknown; errors?: unknown };
      if (typeof problem.detail === 'string' && problem.detail) detail = problem.detail;
      else if (typeof problem.title === 'string' && problem.title) detail = problem.title;
      if (Array.isArray(problem.errors)) {
        errors = problem.errors.filter(
          (e): e is FieldError => !!e && typeof e.field === 'string' && typeof e.message === 'string',
        );
      }
    }
  } catch {
    // Not JSON (a proxy error page, for instance): the status line is all we can say.
  }
  return new ApiError(response.status, detail, errors);
}

/** Fired on `window` when the server no longer accepts the session (expired, logged out elsewhere, revoked). */
export const UNAUTHORIZED_EVENT = 'triage:unauthorized';

/**
 * The CSRF token the server sets in the readable XSRF-TOKEN cookie. Changes authenticated by the session cookie
 * must echo it in a header, which a page on another site cannot do.
 */
export function csrfToken(
  cookies: string = typeof document === 'undefined' ? '' : document.cookie,
): string | undefined {
  for (const cookie of cookies.split(';')) {
    const [name, ...value] = cookie.trim().split('=');
    if (name === 'XSRF-TOKEN') return decodeURIComponent(value.join('='));
  }
  return undefined;
}

function headersFor(init?: RequestInit): Record<string, string> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (init?.body) headers['Content-Type'] = 'application/json';
  const method = (init?.method ?? 'GET').toUpperCase();
  const token = method === 'GET' || method === 'HEAD' ? undefined : csrfToken();
  if (token) headers['X-XSRF-TOKEN'] = token;
  return headers;
}

async function failure(response: Response): Promise<ApiError> {
  if (response.status === 401 && typeof window !== 'undefined') window.dispatchEvent(new Event(UNAUTHORIZED_EVENT));
  return problemOf(response);
}

async function request<T>(path: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { ...init, credentials: 'same-origin', headers: headersFor(init) });
  } catch {
    throw new ApiError(0, 'The server cannot be reached. Check that Ticket Triage is running.');
  }
  if (!response.ok) throw await failure(response);
  if (response.status === 204) return undefined as T;
  return bodyOf<T>(response);
}

async function bodyOf<T>(response: Response): Promise<T> {
  try {
    return (await response.json()) as T;
  } catch {
    const where = response.url ? ` for ${new URL(response.url).pathname}` : '';
    throw new ApiError(response.status, `The server sent an answer that is not JSON${where}.`);
  }
}

/** Like {@link request}, but a 404 (no such thing yet, or any more) yields null. */
async function optional<T>(path: string): Promise<T | null> {
  try {
    return await request<T>(path);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

export interface TicketPage {
  tickets: Ticket[];
  nextCursor: string | null;
}

export const api = {
  async listTickets(limit = 200, cursor?: string): Promise<TicketPage> {
    const params = new URLSearchParams({ limit: String(limit) });
    if (cursor) params.set('cursor', cursor);
    let response: Response;
    try {
      response = await fetch(`/tickets?${params}`, { credentials: 'same-origin', headers: headersFor() });
    } catch {
      throw new ApiError(0, 'The server cannot be reached. Check that Ticket Triage is running.');
    }
    if (!response.ok) throw await failure(response);
    return { tickets: await bodyOf<Ticket[]>(response), nextCursor: response.headers.get('X-Next-Cursor') };
  },
  getTicket: (id: number) => request<Ticket>(`/tickets/${id}`),
  createTicket: (body: NewTicket) => request<Ticket>('/tickets', { method: 'POST', body: JSON.stringify(body) }),
  changeTicket: (id: number, change: TicketChange) =>
    request<Ticket>(`/tickets/${id}`, { method: 'PATCH', body: JSON.stringify(change) }),
  changeStatus: (id: number, status: 'closed' | 'routed') =>
    request<Ticket>(`/tickets/${id}/status`, { method: 'PATCH', body: JSON.stringify({ status }) }),
  deleteTicket: (id: number) => request<void>(`/tickets/${id}`, { method: 'DELETE' }),
  /** Null while the ticket has not been triaged yet. */
  explanation: (id: number) => optional<Explanation>(`/tickets/${id}/explanation`),
  /** The changes agents made to the ticket's team, priority or tier, oldest first. */
  corrections: (id: number) => request<Correction[]>(`/tickets/${id}/corrections`),
  comments: (id: number) => request<Comment[]>(`/tickets/${id}/comments`),
  addComment: (id: number, text: string, internal = false) =>
    request<Comment>(`/tickets/${id}/comments`, { method: 'POST', body: JSON.stringify({ text, internal }) }),
  /** Null when the incident is gone (its tickets were deleted). */
  incident: (id: number) => optional<Incident>(`/incidents/${id}`),
  teams: () => request<Team[]>('/teams'),
  insights: (days: number) => request<Insights>(`/insights?days=${days}`),
  /** The e-mail channel's state and what it took in and sent over the last `days` days. */
  mailStatus: (days: number) => request<MailStatus>(`/mail/status?days=${days}`),
  /** Each helpdesk connector's shadow figures over the last `days` days, configured or not (`enabled`). */
  connectorInsights: (days: number) => request<ConnectorInsights>(`/insights/connectors?days=${days}`),
  /** Who is logged in; fails with 401 when nobody is. */
  me: () => request<Caller>('/auth/me'),
  /** Opens a dashboard session with an API token; the server answers with the session cookie. */
  login: (token: string) => request<Caller>('/auth/session', { method: 'POST', body: JSON.stringify({ token }) }),
  logout: () => request<void>('/auth/logout', { method: 'POST' }),
  agents: () => request<Agent[]>('/agents'),
  saveAgent: (name: string, profile: AgentProfile) =>
    request<Agent>(`/agents/${encodeURIComponent(name)}`, { method: 'PUT', body: JSON.stringify(profile) }),
  /** Removes an agent's profile; their open tickets go back to their teams' queues. */
  removeAgent: (name: string) => request<AgentRemoved>(`/agents/${encodeURIComponent(name)}`, { method: 'DELETE' }),
  setAvailability: (name: string, availability: 'available' | 'away') =>
    request<Agent>(`/agents/${encodeURIComponent(name)}/availability`, {
      method: 'PUT',
      body: JSON.stringify({ availability }),
    }),
  policies: () => request<TeamPolicy[]>('/policies'),
  setPolicy: (team: string, assignment: TeamPolicy['assignment']) =>
    request<TeamPolicy>(`/teams/${encodeURIComponent(team)}/policy`, {
      method: 'PUT',
      body: JSON.stringify({ assignment }),
    }),
  /** A team's business hours (`calendar_time` true when it has none). */
  teamHours: (team: string) => request<TeamHours>(`/teams/${encodeURIComponent(team)}/hours`),
  setTeamHours: (team: string, hours: TeamHoursChange) =>
    request<TeamHours>(`/teams/${encodeURIComponent(team)}/hours`, { method: 'PUT', body: JSON.stringify(hours) }),
  /** Back to calendar time: the team's targets count around the clock. */
  clearTeamHours: (team: string) =>
    request<TeamHours>(`/teams/${encodeURIComponent(team)}/hours`, { method: 'DELETE' }),
  serviceTargets: () => request<{ targets?: ServiceTarget[] | null }>('/sla'),
  saveServiceTargets: (targets: ServiceTarget[]) =>
    request<{ targets?: ServiceTarget[] | null }>('/sla', { method: 'PUT', body: JSON.stringify({ targets }) }),
};
