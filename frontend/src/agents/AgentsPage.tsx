import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { api, ApiError } from '../api/client';
import { PRIORITIES, type Agent, type ServiceTarget, type TeamPolicy } from '../api/types';
import { ErrorState, Loading } from '../ui/States';
import { useCaller } from '../auth/Session';
import { useTeams } from '../ui/teams';
import { Link } from '../ui/router';
import { POLICIES } from './policies';
import { TeamHoursPanel } from './TeamHoursPanel';

type Load =
  | { state: 'loading' }
  | { state: 'failed'; message: string }
  | { state: 'ready'; agents: Agent[]; policies: TeamPolicy[]; targets: ServiceTarget[] };

const ADMINS_ONLY = 'Only admins manage agents and service levels.';

function messageOf(error: unknown): string {
  if (error instanceof ApiError && error.status === 403) return ADMINS_ONLY;
  return error instanceof Error ? error.message : String(error);
}

/**
 * Admins' page for who takes tickets: agents, each team's assignment policy, the service-level targets. Agents may
 * read most of it but change none of it, so a non-admin gets a pointer to the read-only teams page instead of
 * controls the API would refuse.
 */
export function AgentsPage() {
  return useCaller().role === 'admin' ? <AgentsAdmin /> : <AdminsOnly />;
}

function AdminsOnly() {
  return (
    <section className="state" data-testid="admins-only">
      <h1>Agents and service levels</h1>
      <p>
        {ADMINS_ONLY} How each team&apos;s tickets are assigned, its business hours and the service-level targets are on
        the <Link href="/team-settings">Teams page</Link>, read-only.
      </p>
    </section>
  );
}

function AgentsAdmin() {
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string }>();
  const reload = useCallback(() => setAttempt((n) => n + 1), []);

  useEffect(() => {
    let active = true;
    Promise.all([api.agents(), api.policies(), api.serviceTargets()])
      .then(
        ([agents, policies, sla]) =>
          active && setLoad({ state: 'ready', agents, policies, targets: sla.targets ?? [] }),
      )
      .catch((error: unknown) => active && setLoad({ state: 'failed', message: messageOf(error) }));
    return () => {
      active = false;
    };
  }, [attempt]);

  const act = useCallback(
    async (what: () => Promise<unknown>, done: string) => {
      try {
        await what();
        setNotice({ kind: 'ok', text: done });
        reload();
      } catch (error) {
        setNotice({ kind: 'error', text: messageOf(error) });
      }
    },
    [reload],
  );

  if (load.state === 'loading') return <Loading what="agents" />;
  if (load.state === 'failed') return <ErrorState message={load.message} onRetry={reload} />;
  return (
    <section className="agents-page">
      <h1>Agents and service levels</h1>
      {notice && (
        <p className={notice.kind === 'ok' ? 'notice' : 'form-error'} role={notice.kind === 'ok' ? 'status' : 'alert'}>
          {notice.text}
        </p>
      )}
      <AgentTable agents={load.agents} act={act} />
      <AgentForm act={act} />
      <Policies policies={load.policies} act={act} />
      <TeamHoursPanel editable />
      {/* a new draft whenever the saved targets change */}
      <Targets key={JSON.stringify(load.targets)} targets={load.targets} act={act} />
    </section>
  );
}

type Act = (what: () => Promise<unknown>, done: string) => Promise<void>;

function AgentTable({ agents, act }: { agents: Agent[]; act: Act }) {
  // the agent whose removal waits for a second click
  const [removing, setRemoving] = useState<string>();
  return (
    <section className="panel" aria-labelledby="agents-heading">
      <h2 id="agents-heading">Agents</h2>
      {agents.length === 0 ? (
        <p className="subtle">No agents yet: routed tickets stay with their team until agents are added below.</p>
      ) : (
        <table className="data" data-testid="agents">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Teams</th>
              <th scope="col">Open tickets</th>
              <th scope="col">Availability</th>
              <th scope="col">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {agents.map((agent) => (
              <tr key={agent.name}>
                <td>{agent.name}</td>
                <td>{agent.teams.join(', ') || <span className="subtle">none</span>}</td>
                <td>
                  {agent.open_tickets} of {agent.max_open_tickets}
                </td>
                <td>
                  {agent.availability === 'available' ? 'Available' : 'Away'}{' '}
                  <button
                    type="button"
                    className="button link"
                    onClick={() => {
                      const next = agent.availability === 'available' ? 'away' : 'available';
                      void act(() => api.setAvailability(agent.name, next), `${agent.name} is now ${next}.`);
                    }}
                  >
                    {agent.availability === 'available' ? 'Set away' : 'Set available'}
                  </button>
                </td>
                <td>
                  {removing === agent.name ? (
                    <span role="group" aria-label={`Remove ${agent.name}?`}>
                      <span className="subtle">Their open tickets go back to their teams. </span>
                      <button
                        type="button"
                        className="button danger"
                        onClick={() => {
                          setRemoving(undefined);
                          void act(
                            () => api.removeAgent(agent.name),
                            `${agent.name} removed; their open tickets went back to their teams' queues.`,
                          );
                        }}
                      >
                        Remove {agent.name}
                      </button>{' '}
                      <button type="button" className="button link" onClick={() => setRemoving(undefined)}>
                        Cancel
                      </button>
                    </span>
                  ) : (
                    <button type="button" className="button link" onClick={() => setRemoving(agent.name)}>
                      Remove…
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function AgentForm({ act }: { act: Act }) {
  const fid = useId();
  const { names } = useTeams();
  const [name, setName] = useState('');
  const [teams, setTeams] = useState<string[]>([]);
  const [max, setMax] = useState('10');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const agent = name.trim();
    void act(
      () => api.saveAgent(agent, { teams, max_open_tickets: Number(max), availability: 'available' }),
      `${agent} saved.`,
    );
  };
  return (
    <section className="panel" aria-labelledby={`${fid}-heading`}>
      <h2 id={`${fid}-heading`}>Add or change an agent</h2>
      <form className="agent-form" onSubmit={submit} data-testid="agent-form">
        <div className="field">
          <label htmlFor={`${fid}-name`}>Name (as they log in)</label>
          <input id={`${fid}-name`} value={name} required onChange={(event) => setName(event.target.value)} />
        </div>
        <fieldset className="field">
          <legend>Teams</legend>
          {names.map((team) => (
            <label key={team} className="checkbox">
              <input
                type="checkbox"
                checked={teams.includes(team)}
                onChange={(event) =>
                  setTeams(event.target.checked ? [...teams, team] : teams.filter((other) => other !== team))
                }
              />
              {team}
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor={`${fid}-max`}>Most open tickets at once</label>
          <input id={`${fid}-max`} type="number" min={1} value={max} onChange={(event) => setMax(event.target.value)} />
        </div>
        <button type="submit" className="button primary">
          Save agent
        </button>
      </form>
    </section>
  );
}

function Policies({ policies, act }: { policies: TeamPolicy[]; act: Act }) {
  const fid = useId();
  return (
    <section className="panel" aria-labelledby={`${fid}-heading`}>
      <h2 id={`${fid}-heading`}>Who gets a team's tickets</h2>
      <table className="data" data-testid="policies">
        <tbody>
          {policies.map((policy, index) => (
            <tr key={policy.team}>
              <th scope="row">
                <label htmlFor={`${fid}-${index}`}>{policy.team}</label>
              </th>
              <td>
                <select
                  id={`${fid}-${index}`}
                  value={policy.assignment}
                  onChange={(event) => {
                    const assignment = event.target.value as TeamPolicy['assignment'];
                    void act(() => api.setPolicy(policy.team, assignment), `${policy.team}: ${assignment}.`);
                  }}
                >
                  {POLICIES.map((option) => (
                    <option key={option.value} value={option.value}>
                      {option.label}
                    </option>
                  ))}
                </select>
                {policy.is_default && <span className="subtle"> (default)</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Targets({ targets, act }: { targets: ServiceTarget[]; act: Act }) {
  const fid = useId();
  const [draft, setDraft] = useState<ServiceTarget[]>(targets);
  const ordered = PRIORITIES.map((p) => draft.find((target) => target.priority === p)).filter(
    (target): target is ServiceTarget => target !== undefined,
  );
  const change = (priority: string, field: 'first_response_minutes' | 'resolution_minutes', value: string) =>
    setDraft(draft.map((target) => (target.priority === priority ? { ...target, [field]: Number(value) } : target)));
  return (
    <section className="panel" aria-labelledby={`${fid}-heading`}>
      <h2 id={`${fid}-heading`}>Service-level targets (minutes of calendar time, or of the team's business hours)</h2>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void act(() => api.saveServiceTargets(draft), 'Service-level targets saved; open tickets follow them.');
        }}
      >
        <table className="data" data-testid="targets">
          <thead>
            <tr>
              <th scope="col">Priority</th>
              <th scope="col">First response</th>
              <th scope="col">Resolution</th>
            </tr>
          </thead>
          <tbody>
            {ordered.map((target) => (
              <tr key={target.priority}>
                <th scope="row">{target.priority}</th>
                <td>
                  <input
                    type="number"
                    min={1}
                    aria-label={`${target.priority} first response, minutes`}
                    value={target.first_response_minutes}
                    onChange={(event) => change(target.priority, 'first_response_minutes', event.target.value)}
                  />
                </td>
                <td>
                  <input
                    type="number"
                    min={1}
                    aria-label={`${target.priority} resolution, minutes`}
                    value={target.resolution_minutes}
                    onChange={(event) => change(target.priority, 'resolution_minutes', event.target.value)}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="submit" className="button primary">
          Save targets
        </button>
      </form>
    </section>
  );
}
