import { describe, expect, it } from 'vitest';
import { llmStep, nearestExamples, otherFields, ruleHits, stageName, teamScores } from './explanationModel';

describe('explanation', () => {
  it("orders team scores and shows the threshold of the preferred team, or each team's when given", () => {
    expect(
      teamScores({
        scores: { 'Network Team': 0.2, 'Hardware Team': 0.8 },
        threshold: 0.7,
        preferred_team: 'Hardware Team',
      }),
    ).toEqual([
      { team: 'Hardware Team', score: 0.8, threshold: 0.7 },
      { team: 'Network Team', score: 0.2, threshold: null },
    ]);
    expect(
      teamScores({ scores: { 'Network Team': 0.2 }, threshold: 0.7, thresholds: { 'Network Team': 0.55 } }),
    ).toEqual([{ team: 'Network Team', score: 0.2, threshold: 0.55 }]);
  });

  it('reads rule hits given as strings or as objects', () => {
    expect(ruleHits({ rule_hits: ['outage for many users'] })).toEqual(['outage for many users']);
    expect(
      ruleHits({ rule_hits: [{ rule: 'security-incident', matched: 'phishing', min_priority: 'Urgent' }] }),
    ).toEqual(['security-incident · matched: phishing · min priority: Urgent']);
    expect(ruleHits({})).toEqual([]);
  });

  it('tolerates missing or malformed lists and lists fields it does not know', () => {
    expect(
      nearestExamples({ nearest_examples: [null, { title: 'A', team: 'T', similarity: 0.5 }] as never }),
    ).toHaveLength(1);
    expect(teamScores({ scores: 'none' as never })).toEqual([]);
    expect(otherFields({ reason: 'x', stage: 'llm', calibrated: true, nothing: null })).toEqual([
      ['stage', 'llm'],
      ['calibrated', true],
    ]);
  });

  it('names the deciding stage and lists what the language model answered', () => {
    expect(stageName('local')).toBe('Local engine');
    expect(stageName('llm')).toBe('Language model stage');
    expect(stageName('rules')).toBe('rules');
    expect(llmStep({ llm: { outcome: 'answered', team: 'Network Team', priority: null } })).toEqual([
      ['outcome', 'answered'],
      ['team', 'Network Team'],
    ]);
    expect(llmStep({})).toEqual([]);
    expect(otherFields({ llm: { outcome: 'skipped' } })).toEqual([]);
  });
});
