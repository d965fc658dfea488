import { describe, expect, it } from 'vitest';
import { dailySeries } from './insightsModel';

describe('daily series', () => {
  it('fills every day of the window with zeros and sums per team', () => {
    const { dates, series } = dailySeries(
      [
        { date: '2026-11-24', team: 'Network Team', count: 2 },
        { date: '2026-11-22', team: 'Hardware Team', count: 3 },
        { date: '2026-11-24', team: 'Hardware Team', count: 1 },
      ],
      3,
      new Date('2026-11-24T18:00:00Z'),
    );
    expect(dates).toEqual(['2026-11-22', '2026-11-23', '2026-11-24']);
    expect(series).toEqual([
      { team: 'Hardware Team', counts: [3, 0, 1] },
      { team: 'Network Team', counts: [0, 0, 2] },
    ]);
  });
});
