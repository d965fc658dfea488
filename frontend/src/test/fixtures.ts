import type { Explanation, Insights, Ticket } from '../api/types';

/** A routed ticket as the API sends it; tests override what they are about. */
export function aTicket(overrides: Partial<Ticket> = {}): Ticket {
  return {
    id: 1,
    title: 'Laptop screen flickers',
    description: 'Since this morning the external monitor flickers.',
    created_at: '2026-03-01T10:00:00Z',
    updated_at: '2026-03-01T10:00:05Z',
    priority: 'Medium',
    level: 'Tier 1',
    assigned_to: 'Hardware Team',
    confidence: 0.91,
    status: 'routed',
    triage_reason: null,
    closed_at: null,
    possible_duplicates: [],
    incident_id: null,
    created_by: 'alice',
    best_guess: null,
    requested_priority: null,
    requested_level: null,
    channel: 'api',
    requester_email: null,
    assignee: null,
    assignment_reason: null,
    first_response_due: null,
    resolution_due: null,
    first_response_at: null,
    sla_breached: false,
    language: 'en',
    ...overrides,
  };
}

/** The explanation of a local decision for Hardware Team. */
export function anExplanation(overrides: Partial<Explanation> = {}): Explanation {
  return {
    decided_by: 'local',
    model: 'linear-1',
    scores: { 'Hardware Team': 0.91, 'Network Team': 0.06 },
    nearest_examples: [
      {
        example_id: 7,
        title: 'Monitor goes black when docked',
        team: 'Hardware Team',
        similarity: 0.83,
        ticket_id: null,
        source: 'starter',
      },
    ],
    threshold: 0.7,
    min_similarity: 0.35,
    preferred_team: 'Hardware Team',
    reason: 'Hardware Team scored 91%, above its threshold of 70%.',
    rule_hits: [],
    llm: null,
    language: 'en',
    ...overrides,
  };
}

/** GET /insights over a period with no tickets: the insights page around the panel a test is about. */
export function noTickets(days = 30): Insights {
  return {
    window_days: days,
    since: '2026-02-01T00:00:00Z',
    tickets: 0,
    auto_routed: 0,
    auto_route_rate: 0,
    auto_route_precision: 0,
    teams: [],
    daily: [],
    service_levels: [],
  };
}
