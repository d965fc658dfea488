import { describe, expect, it } from 'vitest';
import { POLICIES, targetSpan } from './policies';

describe('service-level targets in words', () => {
  it('reads minutes as minutes, whole hours as hours and the rest as both', () => {
    expect(targetSpan(30)).toBe('30 min');
    expect(targetSpan(60)).toBe('1 h');
    expect(targetSpan(90)).toBe('1 h 30 min');
    expect(targetSpan(1440)).toBe('24 h');
    expect(targetSpan(14400)).toBe('240 h');
    expect(targetSpan(90000)).toBe('1,500 h');
  });
});

describe('assignment policies', () => {
  it('names each policy the API knows once', () => {
    expect(POLICIES.map((policy) => policy.value).sort()).toEqual(['expertise', 'least_loaded', 'none', 'round_robin']);
  });
});
