import type { TeamPolicy } from '../api/types';

/** The assignment policies as the dashboard names them, in the order the admin's choice lists them. */
export const POLICIES: { value: TeamPolicy['assignment']; label: string; meaning: string }[] = [
  {
    value: 'least_loaded',
    label: 'Least loaded',
    meaning: 'the agent with the fewest open tickets; among equals, the next in turn',
  },
  {
    value: 'round_robin',
    label: 'Round robin',
    meaning: "each agent in turn, by name, starting after whoever got the team's previous ticket",
  },
  {
    value: 'expertise',
    label: 'Expertise (who solved similar tickets)',
    meaning: 'the agent who closed the most tickets like it, weighted down by how full they are',
  },
  { value: 'none', label: 'None (the team picks)', meaning: 'nobody: the team works from its list' },
];

/**
 * A service-level target in the units agents think in: "30 min", "4 h", "1 h 30 min". Hours rather than days,
 * since for a team with business hours a target of 1,440 minutes is 24 working hours, not one day.
 */
export function targetSpan(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours.toLocaleString('en')} h` : `${hours.toLocaleString('en')} h ${rest} min`;
}
