import type { Explanation, RuleHit } from '../api/types';

const STAGES: Record<string, string> = { local: 'Local engine', llm: 'Language model stage' };

/** Which stage's decision was applied, in words. */
export function stageName(decidedBy: string): string {
  return STAGES[decidedBy] ?? decidedBy;
}

/** What the optional language-model stage was asked and answered, as label/value pairs; empty when not asked. */
export function llmStep(explanation: Explanation): [string, unknown][] {
  if (!explanation.llm) return [];
  return Object.entries(explanation.llm).filter(([, value]) => value !== null);
}

export interface TeamScore {
  team: string;
  score: number;
  /** The threshold the team had to reach: the engine reports it for the team it preferred. */
  threshold: number | null;
}

/**
 * Every team's score, highest first. Each team has its own threshold, chosen for a precision target; the engine
 * reports the preferred team's, and one above 1 means no threshold reached the target, so the team is never
 * routed to automatically.
 */
export function teamScores(explanation: Explanation): TeamScore[] {
  return Object.entries(explanation.scores)
    .map(([team, score]) => ({
      team,
      score,
      threshold: team === explanation.preferred_team ? explanation.threshold : null,
    }))
    .sort((a, b) => b.score - a.score || a.team.localeCompare(b.team));
}

/** A severity rule that fired, in words: what it matched and the floor (or, for one that lowers, the ceiling) it set. */
export function ruleHit(hit: RuleHit): string {
  if (hit.max_priority) return `${hit.rule}: “${hit.matched}” → at most ${hit.max_priority}`;
  return `${hit.rule}: “${hit.matched}” → at least ${hit.min_priority}, ${hit.min_level}`;
}
