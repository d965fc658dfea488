import type { DailyCount } from '../api/types';

export interface Series {
  team: string;
  counts: number[];
}

/**
 * Turns the sparse daily counts into one series per team over every day of the window, with zero
 * for days without tickets, so that lines do not skip quiet days.
 */
export function dailySeries(
  daily: DailyCount[],
  windowDays: number,
  today: Date = new Date(),
): { dates: string[]; series: Series[] } {
  const end = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  const dates: string[] = [];
  for (let offset = windowDays - 1; offset >= 0; offset--) {
    dates.push(new Date(end - offset * 86_400_000).toISOString().slice(0, 10));
  }
  // Days the server reports outside the computed window (clock skew, time zones) are kept, in order.
  for (const { date } of daily) if (!dates.includes(date)) dates.push(date);
  dates.sort();
  const index = new Map(dates.map((date, i) => [date, i]));
  const byTeam = new Map<string, number[]>();
  for (const { date, team, count } of daily) {
    const counts = byTeam.get(team) ?? new Array<number>(dates.length).fill(0);
    counts[index.get(date)!] = (counts[index.get(date)!] ?? 0) + count;
    byTeam.set(team, counts);
  }
  const series = [...byTeam.entries()]
    .map(([team, counts]) => ({ team, counts }))
    .sort((a, b) => a.team.localeCompare(b.team));
  return { dates, series };
}

/** A fixed palette with enough contrast on white; teams keep their colour across charts. */
const PALETTE = ['#1d4ed8', '#b45309', '#047857', '#b91c1c', '#6d28d9', '#0e7490', '#be185d', '#4d7c0f', '#475569'];

export function colourOf(team: string, teams: string[]): string {
  const index = teams.indexOf(team);
  return PALETTE[(index < 0 ? 0 : index) % PALETTE.length]!;
}
