/** The ticket as the REST API and the live events carry it (snake_case, as on the wire). */
export type TicketStatus = 'pending' | 'routed' | 'closed';

export interface Ticket {
  id: number;
  title: string;
  description: string;
  created_at: string;
  updated_at: string;
  priority: string;
  level: string;
  assigned_to: string;
  confidence: number | null;
  status: TicketStatus;
  triage_reason?: string | null;
  closed_at?: string | null;
  /** Open tickets that read almost the same, found at triage. */
  possible_duplicates?: PossibleDuplicate[] | null;
  /** The incident (a burst of similar tickets) this ticket was grouped under. */
  incident_id?: number | null;
}

export interface PossibleDuplicate {
  id: number;
  similarity: number;
  title?: string;
}

export interface Incident {
  id: number;
  title: string;
  created_at: string;
  ticket_ids: number[];
}

export interface Comment {
  id: number;
  ticket_id: number;
  text: string;
  created_at: string;
  /** For agents only; requesters never receive such comments. */
  internal?: boolean;
}

export type Role = 'requester' | 'agent' | 'admin';

/** Who is logged in, as GET /auth/me answers. `auth` is `none` in the demo mode. */
export interface Caller {
  name: string;
  role: Role;
  auth: 'token' | 'none';
}

export interface NearestExample {
  example_id?: number | string | null;
  title: string;
  team: string;
  similarity: number;
  /** When the example came from a closed ticket, later versions may link it. */
  ticket_id?: number | null;
}

/** The stored explanation of a routing decision. Later routing work adds fields; all but a few are optional. */
export interface Explanation {
  decided_by?: string;
  model?: string;
  scores?: Record<string, number>;
  nearest_examples?: NearestExample[];
  threshold?: number;
  min_similarity?: number;
  preferred_team?: string | null;
  reason?: string;
  [key: string]: unknown;
}

export interface Team {
  name: string;
  examples?: number;
  ready?: boolean;
}

export interface TeamInsight {
  team: string;
  volume: number;
  auto_routed: number;
  auto_route_rate: number | null;
  auto_route_precision: number | null;
  corrections: number;
  correction_rate: number | null;
  mean_time_to_close_hours: number | null;
}

export interface DailyCount {
  date: string;
  team: string;
  count: number;
}

export interface Insights {
  window_days: number;
  /** Totals over all teams; optional so that a minimal answer still renders. */
  tickets?: number;
  auto_route_rate?: number | null;
  auto_route_precision?: number | null;
  teams: TeamInsight[];
  daily: DailyCount[];
}

export const PRIORITIES = ['Low', 'Medium', 'High', 'Urgent'] as const;
export const LEVELS = ['Tier 1', 'Tier 2', 'Tier 3'] as const;
export const MANUAL_REVIEW = 'Manual Review';
