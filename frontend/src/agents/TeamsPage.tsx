import { useEffect, useState } from 'react';
import { api, ApiError } from '../api/client';
import { PRIORITIES, type ServiceTarget, type TeamHours, type TeamPolicy } from '../api/types';
import { useCaller } from '../auth/Session';
import { Link } from '../ui/router';
import { ErrorState, Loading, OnlyForAgents } from '../ui/States';
import { describeHours } from './hoursModel';
import { POLICIES, targetSpan } from './policies';

interface TeamSettings {
  policy: TeamPolicy;
  hours: TeamHours;
}

type Load =
  | { state: 'loading' }
  | { state: 'forbidden' }
  | { state: 'failed'; message: string }
  | { state: 'ready'; teams: TeamSettings[]; targets: ServiceTarget[] };

/** GET /policies lists every known team; each team's hours are one more call (there are a handful of teams). */
async function loadSettings(): Promise<{ teams: TeamSettings[]; targets: ServiceTarget[] }> {
  const [policies, sla] = await Promise.all([api.policies(), api.serviceTargets()]);
  const teams = await Promise.all(
    policies.map(async (policy) => ({ policy, hours: await api.teamHours(policy.team) })),
  );
  return { teams, targets: sla.targets ?? [] };
}

/**
 * How each team is run, for every agent: who gets its tickets, its business hours and the service-level targets
 * counted in them. Read-only: only admins change these (on the agents page), so nothing here offers to.
 */
export function TeamsPage() {
  const admin = useCaller().role === 'admin';
  const [attempt, setAttempt] = useState(0);
  // Each answer is kept with the attempt it answers: Try again shows as loading until its own arrives.
  const [answer, setAnswer] = useState<{ attempt: number; load: Load }>();

  useEffect(() => {
    let active = true;
    loadSettings().then(
      (settings) => active && setAnswer({ attempt, load: { state: 'ready', ...settings } }),
      (error: unknown) =>
        active &&
        setAnswer({
          attempt,
          load:
            error instanceof ApiError && error.status === 403
              ? { state: 'forbidden' }
              : {
                  state: 'failed',
                  message: `The teams' settings could not be loaded: ${error instanceof Error ? error.message : String(error)}`,
                },
        }),
    );
    return () => {
      active = false;
    };
  }, [attempt]);
  const load: Load = answer?.attempt === attempt ? answer.load : { state: 'loading' };

  return (
    <section className="teams-page" data-testid="team-settings">
      <div className="page-header">
        <div>
          <h1>Teams</h1>
          <p className="subtle">
            How each team&apos;s tickets are assigned, when the team works and how soon tickets must be answered and
            resolved.{' '}
            {admin ? (
              <>
                You change them on the <Link href="/admin/agents">agents page</Link>.
              </>
            ) : (
              'Read-only: admins change these settings.'
            )}
          </p>
        </div>
      </div>
      {load.state === 'loading' && <Loading what="the teams' settings" />}
      {load.state === 'forbidden' && (
        <OnlyForAgents>The teams&apos; settings are shown to agents and admins.</OnlyForAgents>
      )}
      {load.state === 'failed' && <ErrorState message={load.message} onRetry={() => setAttempt((n) => n + 1)} />}
      {load.state === 'ready' && <Settings teams={load.teams} targets={load.targets} />}
    </section>
  );
}

function Settings({ teams, targets }: { teams: TeamSettings[]; targets: ServiceTarget[] }) {
  const ordered = [...PRIORITIES]
    .reverse()
    .map((priority) => targets.find((target) => target.priority === priority))
    .filter((target): target is ServiceTarget => target !== undefined);
  return (
    <>
      <section className="panel" aria-labelledby="team-settings-heading">
        <h2 id="team-settings-heading">Who gets each team&apos;s tickets, and when the team works</h2>
        {teams.length === 0 ? (
          <p className="subtle">
            No teams yet. Teams appear here once an admin adds one with its examples; until then tickets wait for manual
            review.
          </p>
        ) : (
          <div className="table-scroll">
            <table className="data" data-testid="team-policies">
              <thead>
                <tr>
                  <th scope="col">Team</th>
                  <th scope="col">Who gets its tickets</th>
                  <th scope="col">Business hours</th>
                </tr>
              </thead>
              <tbody>
                {teams.map(({ policy, hours }) => {
                  const known = POLICIES.find((option) => option.value === policy.assignment);
                  return (
                    <tr key={policy.team}>
                      <th scope="row">{policy.team}</th>
                      <td>
                        {known?.label ?? policy.assignment}
                        {policy.is_default && <span className="subtle"> (default)</span>}
                        {known && <div className="subtle">{known.meaning}</div>}
                      </td>
                      <td>
                        {describeHours(hours)}
                        <div className="subtle">
                          {hours.calendar_time ? 'targets count calendar time' : 'targets count only these hours'}
                        </div>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        <p className="subtle">
          Agents who are away or at their maximum of open tickets are skipped; a ticket nobody can take waits in its
          team&apos;s queue.
        </p>
      </section>
      <section className="panel" aria-labelledby="team-targets-heading">
        <h2 id="team-targets-heading">Service-level targets</h2>
        {ordered.length === 0 ? (
          <p className="subtle">No service-level targets are set: tickets carry no due times.</p>
        ) : (
          <>
            <p className="subtle">
              The same for every team, from a ticket&apos;s creation; each team&apos;s are counted in its business hours
              above, so that 24 h for a team working 8 hours a day last three working days.
            </p>
            <table className="data" data-testid="team-targets">
              <thead>
                <tr>
                  <th scope="col">Priority</th>
                  <th scope="col">First response within</th>
                  <th scope="col">Resolution within</th>
                </tr>
              </thead>
              <tbody>
                {ordered.map((target) => (
                  <tr key={target.priority}>
                    <th scope="row">{target.priority}</th>
                    <td>{targetSpan(target.first_response_minutes)}</td>
                    <td>{targetSpan(target.resolution_minutes)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </section>
    </>
  );
}
