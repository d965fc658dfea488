import { describe, expect, it } from 'vitest';
import { anExplanation } from '../test/fixtures';
import { llmStep, ruleHit, stageName, teamScores } from './explanationModel';

describe('explanation', () => {
  it('orders team scores and shows the threshold of the preferred team', () => {
    expect(
      teamScores(
        anExplanation({ scores: { 'Network Team': 0.2, 'Hardware Team': 0.8 }, preferred_team: 'Hardware Team' }),
      ),
    ).toEqual([
      { team: 'Hardware Team', score: 0.8, threshold: 0.7 },
      { team: 'Network Team', score: 0.2, threshold: null },
    ]);
  });

  it('says what a rule matched and the floor it set', () => {
    expect(
      ruleHit({
        rule: 'security-incident',
        matched: 'phishing',
        min_priority: 'Urgent',
        min_level: 'Tier 2',
        max_priority: null,
      }),
    ).toBe('security-incident: “phishing” → at least Urgent, Tier 2');
    expect(
      ruleHit({
        rule: 'not-clicked',
        matched: 'did not click',
        min_priority: 'Low',
        min_level: 'Tier 1',
        max_priority: 'Medium',
      }),
    ).toBe('not-clicked: “did not click” → at most Medium');
  });

  it('names the deciding stage and lists what the language model answered', () => {
    expect(stageName('local')).toBe('Local engine');
    expect(stageName('llm')).toBe('Language model stage');
    expect(stageName('rules')).toBe('rules');
    expect(
      llmStep(
        anExplanation({
          llm: {
            mode: 'assist',
            model: 'gpt-4o-mini',
            outcome: 'answered',
            team: 'Network Team',
            priority: null,
            level: null,
            reason: 'VPN',
            requests: 1,
            local_decision: 'Manual Review',
            local_reason: 'no team confident',
          },
        }),
      ),
    ).toEqual([
      ['mode', 'assist'],
      ['model', 'gpt-4o-mini'],
      ['outcome', 'answered'],
      ['team', 'Network Team'],
      ['reason', 'VPN'],
      ['requests', 1],
      ['local_decision', 'Manual Review'],
      ['local_reason', 'no team confident'],
    ]);
    expect(llmStep(anExplanation())).toEqual([]);
  });
});
