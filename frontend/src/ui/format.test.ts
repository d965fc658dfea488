import { describe, expect, it } from 'vitest';
import { ago, bandOf, describe as describeValue, hours, percent } from './format';

describe('confidence bands', () => {
  it('is high from 0.9, medium from 0.6, low below, and none without a score', () => {
    expect(bandOf(0.9)).toBe('high');
    expect(bandOf(0.899)).toBe('medium');
    expect(bandOf(0.6)).toBe('medium');
    expect(bandOf(0.59)).toBe('low');
    expect(bandOf(0)).toBe('low');
    expect(bandOf(null)).toBe('none');
    expect(bandOf(undefined)).toBe('none');
  });
});

describe('formatting', () => {
  it('writes percentages and a dash for missing values', () => {
    expect(percent(0.834)).toBe('83%');
    expect(percent(0.834, 1)).toBe('83.4%');
    expect(percent(null)).toBe('–');
  });

  it('never rounds a share short of 1 up to 100%, or one above 0 down to 0%', () => {
    expect(percent(0.9989)).toBe('>99%');
    expect(percent(0.9998, 1)).toBe('>99.9%');
    expect(percent(1)).toBe('100%');
    expect(percent(0.001)).toBe('<1%');
    expect(percent(0.0004, 1)).toBe('<0.1%');
    expect(percent(0)).toBe('0%');
  });

  it('says how long ago in words', () => {
    const now = Date.parse('2026-11-24T12:00:00Z');
    expect(ago('2026-11-24T11:59:30Z', now)).toBe('just now');
    expect(ago('2026-11-24T11:55:00Z', now)).toBe('5 min ago');
    expect(ago('2026-11-24T09:00:00Z', now)).toBe('3 h ago');
    expect(ago('2026-11-20T12:00:00Z', now)).toBe('4 d ago');
  });

  it('writes durations in minutes, hours or days', () => {
    expect(hours(0.0025)).toBe('under 1 min');
    expect(hours(0.5)).toBe('30 min');
    expect(hours(5.25)).toBe('5.3 h');
    expect(hours(72)).toBe('3.0 days');
    expect(hours(null)).toBe('–');
  });

  it('renders values of unknown fields readably', () => {
    expect(describeValue(0.12345)).toBe('0.123');
    expect(describeValue(true)).toBe('yes');
    expect(describeValue({ a: 1 })).toBe('{"a":1}');
    expect(describeValue(null)).toBe('–');
  });
});
