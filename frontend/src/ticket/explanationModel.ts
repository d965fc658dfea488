import type { Explanation, NearestExample } from '../api/types';

/** Fields the explanation panel lays out itself; anything else is listed under "More details". */
const KNOWN = new Set([
  'decided_by',
  'model',
  'scores',
  'nearest_examples',
  'threshold',
  'min_similarity',
  'preferred_team',
  'reason',
  'rule_hits',
  'rules',
  'thresholds',
  'team_thresholds',
  // Shown in the ticket's own "Related tickets" panel.
  'possible_duplicates',
  'incident_id',
  'llm',
]);

const STAGES: Record<string, string> = { local: 'Local engine', llm: 'Language model stage' };

/** Which stage's decision was applied, in words. */
export function stageName(decidedBy: string): string {
  return STAGES[decidedBy] ?? decidedBy;
}

/** What the optional language-model stage was asked and answered, as label/value pairs; empty when not asked. */
export function llmStep(explanation: Explanation): [string, unknown][] {
  const llm = explanation.llm;
  if (!llm || typeof llm !== 'object' || Array.isArray(llm)) return [];
  return Object.entries(llm as Record<string, unknown>).filter(([, value]) => value !== null && value !== undefined);
}

export interface TeamScore {
  team: string;
  score: number;
  /** The threshold this team must reach, when the explanation says. */
  threshold: number | null;
}

function numberMap(value: unknown): Record<string, number> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).filter(
      (entry): entry is [string, number] => typeof entry[1] === 'number',
    ),
  );
}

/**
 * The engine reports the threshold of the team it preferred (each team has its own, chosen for a precision
 * target); a map of every team's threshold is used when the server sends one. A threshold above 1 means no
 * threshold reached the target, so the team is never routed to automatically.
 */
export function teamScores(explanation: Explanation): TeamScore[] {
  const perTeam = { ...numberMap(explanation.thresholds), ...numberMap(explanation.team_thresholds) };
  const preferred = explanation.preferred_team;
  const own = typeof explanation.threshold === 'number' ? explanation.threshold : null;
  return Object.entries(numberMap(explanation.scores))
    .map(([team, score]) => ({ team, score, threshold: perTeam[team] ?? (team === preferred ? own : null) }))
    .sort((a, b) => b.score - a.score || a.team.localeCompare(b.team));
}

export function nearestExamples(explanation: Explanation): NearestExample[] {
  const list = explanation.nearest_examples;
  if (!Array.isArray(list)) return [];
  return list.filter((example): example is NearestExample => !!example && typeof example.title === 'string');
}

/** Rule hits as readable lines, whether the server sends strings or objects such as {rule, effect}. */
export function ruleHits(explanation: Explanation): string[] {
  const raw = explanation.rule_hits ?? explanation.rules;
  if (!Array.isArray(raw)) return [];
  return raw.map((hit: unknown) => {
    if (typeof hit === 'string') return hit;
    if (hit && typeof hit === 'object') {
      const record = hit as Record<string, unknown>;
      const name = record.rule ?? record.name ?? record.id;
      const parts = Object.entries(record)
        .filter(([key]) => !['rule', 'name', 'id'].includes(key))
        .map(
          ([key, value]) => `${key.replace(/_/g, ' ')}: ${typeof value === 'string' ? value : JSON.stringify(value)}`,
        );
      return [name, ...parts].filter((part) => part !== undefined && part !== null && part !== '').join(' · ');
    }
    return String(hit);
  });
}

export function otherFields(explanation: Explanation): [string, unknown][] {
  return Object.entries(explanation).filter(([key, value]) => !KNOWN.has(key) && value !== null && value !== undefined);
}
