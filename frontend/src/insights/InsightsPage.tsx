import { Fragment, useEffect, useId, useMemo, useState } from 'react';
import type { ChartConfiguration } from 'chart.js';
import { api, ApiError } from '../api/client';
import type { AgentServiceLevel, Insights, TeamServiceLevel } from '../api/types';
import { hours, percent } from '../ui/format';
import { SelectField } from '../ui/SelectField';
import { ErrorState, Loading, OnlyForAgents } from '../ui/States';
import { TeamHoursPanel } from '../agents/TeamHoursPanel';
import { Chart } from './Chart';
import { ConnectorsPanel } from './ConnectorsPanel';
import { MailChannelPanel } from './MailChannelPanel';
import { colourOf, dailySeries } from './insightsModel';

type Load =
  | { state: 'loading' }
  | { state: 'forbidden' }
  | { state: 'failed'; message: string }
  | { state: 'ready'; insights: Insights };

const WINDOWS = [7, 30, 90];

export function InsightsPage() {
  const [days, setDays] = useState(30);
  const [attempt, setAttempt] = useState(0);
  // Each answer is kept with the request it answers: a newer choice of period shows as loading until its own arrives.
  const request = `${days}:${attempt}`;
  const [answer, setAnswer] = useState<{ request: string; load: Load } | null>(null);
  const fid = useId();

  useEffect(() => {
    let active = true;
    api.insights(days).then(
      (insights) => active && setAnswer({ request, load: { state: 'ready', insights } }),
      (e: unknown) =>
        active &&
        setAnswer({
          request,
          load:
            e instanceof ApiError && e.status === 403
              ? { state: 'forbidden' }
              : { state: 'failed', message: e instanceof ApiError ? e.message : 'Insights could not be loaded.' },
        }),
    );
    return () => {
      active = false;
    };
  }, [days, request]);
  const load: Load = answer?.request === request ? answer.load : { state: 'loading' };

  return (
    <div className="insights-page">
      <div className="page-header">
        <div>
          <h1>Insights</h1>
          <p className="subtle">How routing performs: volume, automation and the corrections agents make.</p>
        </div>
        <SelectField
          id={`${fid}-period`}
          label="Period"
          className="inline"
          value={days}
          options={WINDOWS.map((value) => ({ value, label: `Last ${value} days` }))}
          onChange={(value) => setDays(Number(value))}
        />
      </div>
      {load.state === 'loading' && <Loading what="insights" />}
      {load.state === 'forbidden' && <OnlyForAgents>Routing figures are shown to agents and admins.</OnlyForAgents>}
      {load.state === 'failed' && <ErrorState message={load.message} onRetry={() => setAttempt((n) => n + 1)} />}
      {load.state === 'ready' && <InsightsView insights={load.insights} />}
      {/* read-only here: admins change them on the agents page */}
      <TeamHoursPanel editable={false} />
      <MailChannelPanel days={days} />
      <ConnectorsPanel days={days} />
    </div>
  );
}

function InsightsView({ insights }: { insights: Insights }) {
  const teams = useMemo(() => insights.teams.map((t) => t.team).sort((a, b) => a.localeCompare(b)), [insights]);
  const volume = useMemo<ChartConfiguration>(() => {
    const { dates, series } = dailySeries(insights.daily, insights.window_days);
    return {
      type: 'bar',
      data: {
        labels: dates.map((date) => date.slice(5)),
        datasets: series.map(({ team, counts }) => ({
          label: team,
          data: counts,
          backgroundColor: colourOf(team, teams),
          stack: 'volume',
        })),
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
        plugins: { legend: { position: 'bottom' } },
      },
    };
  }, [insights, teams]);
  const quality = useMemo<ChartConfiguration>(
    () => ({
      type: 'bar',
      data: {
        labels: insights.teams.map((t) => t.team),
        datasets: [
          {
            label: 'Auto-route rate',
            data: insights.teams.map((t) => t.auto_route_rate),
            backgroundColor: '#1d4ed8',
          },
          {
            label: 'Precision of auto-routing',
            data: insights.teams.map((t) => t.auto_route_precision),
            backgroundColor: '#047857',
          },
          {
            label: 'Correction rate',
            data: insights.teams.map((t) => t.correction_rate),
            backgroundColor: '#b45309',
          },
        ],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: { y: { min: 0, max: 1, ticks: { callback: (value) => `${Math.round(Number(value) * 100)}%` } } },
        plugins: { legend: { position: 'bottom' } },
      },
    }),
    [insights],
  );

  const closeTime = useMemo<ChartConfiguration>(
    () => ({
      type: 'bar',
      data: {
        labels: insights.teams.map((t) => t.team),
        datasets: [
          {
            label: 'Mean time to close (hours)',
            data: insights.teams.map((t) => t.mean_time_to_close_hours),
            backgroundColor: insights.teams.map((t) => colourOf(t.team, teams)),
          },
        ],
      },
      options: {
        indexAxis: 'y',
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: { x: { beginAtZero: true, title: { display: true, text: 'hours' } } },
        plugins: { legend: { display: false } },
      },
    }),
    [insights, teams],
  );

  if (insights.teams.length === 0) {
    return (
      <section className="state" data-testid="insights-empty">
        <h2>No tickets in the last {insights.window_days} days</h2>
        <p>Figures appear once tickets arrive and are routed.</p>
      </section>
    );
  }
  const corrections = insights.teams.reduce((sum, t) => sum + t.corrections, 0);
  return (
    <div className="insights" data-testid="insights">
      <div className="kpis">
        <Kpi label="Tickets" value={String(insights.tickets)} />
        <Kpi label="Routed automatically" value={percent(insights.auto_route_rate)} />
        <Kpi label="Precision of auto-routing" value={percent(insights.auto_route_precision)} />
        <Kpi
          label="Corrections of the engine"
          value={String(corrections)}
          hint="Tickets the engine routed that an agent moved to another team. Manual Review tickets sent to a team are not counted."
        />
      </div>
      <section className="panel" aria-labelledby="volume-heading">
        <h2 id="volume-heading">Volume per team, per day</h2>
        <Chart
          config={volume}
          label={`Stacked bar chart of tickets per team per day over the last ${insights.window_days} days`}
        />
      </section>
      <section className="panel" aria-labelledby="quality-heading">
        <h2 id="quality-heading">Automation and accuracy per team</h2>
        <Chart
          config={quality}
          label="Bar chart of auto-route rate, auto-routing precision and correction rate per team"
        />
      </section>
      <section className="panel" aria-labelledby="close-heading">
        <h2 id="close-heading">Mean time to close</h2>
        <Chart config={closeTime} label="Horizontal bar chart of the mean hours from creation to close, per team" />
      </section>
      <section className="panel" aria-labelledby="table-heading">
        <h2 id="table-heading">Per team</h2>
        <div className="table-scroll">
          <table className="data" data-testid="per-team">
            <thead>
              <tr>
                <th scope="col">Team</th>
                <th scope="col">Tickets</th>
                <th scope="col">Auto-routed</th>
                <th scope="col">Auto-route rate</th>
                <th scope="col">Precision</th>
                <th scope="col">Corrections</th>
                <th scope="col">Mean time to close</th>
              </tr>
            </thead>
            <tbody>
              {insights.teams.map((t) => (
                <tr key={t.team}>
                  <th scope="row">{t.team}</th>
                  <td>{t.volume}</td>
                  <td>{t.auto_routed}</td>
                  <td>{percent(t.auto_route_rate)}</td>
                  <td>{percent(t.auto_route_precision)}</td>
                  <td>
                    {t.corrections} <span className="subtle">({percent(t.correction_rate)})</span>
                  </td>
                  <td>{hours(t.mean_time_to_close_hours)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="subtle">
          Mean time to close runs from creation to close, time spent closed before a reopen included; the service
          levels&apos; mean resolution leaves that time out.
        </p>
      </section>
      {insights.service_levels.length > 0 && <ServiceLevels teams={insights.service_levels} />}
    </div>
  );
}

/** Per team and per agent; each team's row is the sum of its agents' rows (the tickets nobody has included). */
function ServiceLevels({ teams }: { teams: TeamServiceLevel[] }) {
  return (
    <section className="panel" aria-labelledby="service-heading">
      <h2 id="service-heading">Service levels per team and agent</h2>
      <div className="table-scroll">
        <table className="data" data-testid="service-levels">
          <thead>
            <tr>
              <th scope="col">Team / agent</th>
              <th scope="col">Tickets</th>
              <th scope="col">Closed</th>
              <th scope="col">Targets met</th>
              <th scope="col">Mean first response</th>
              <th scope="col">Mean resolution</th>
            </tr>
          </thead>
          <tbody>
            {teams.map((team) => (
              <Fragment key={team.team}>
                <ServiceRow name={team.team} figures={team} strong />
                {team.agents.map((agent) => (
                  <ServiceRow key={agent.agent ?? ''} name={agent.agent ?? 'Nobody (waiting)'} figures={agent} />
                ))}
              </Fragment>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

type Figures = Omit<AgentServiceLevel, 'agent'>;

function ServiceRow({ name, figures, strong }: { name: string; figures: Figures; strong?: boolean }) {
  return (
    <tr className={strong ? 'group-row' : undefined}>
      <th scope="row" className={strong ? undefined : 'indent'}>
        {name}
      </th>
      <td>{figures.tickets}</td>
      <td>{figures.closed}</td>
      <td>
        {percent(figures.sla_attainment)}{' '}
        <span className="subtle">
          ({figures.sla_met} of {figures.sla_settled})
        </span>
      </td>
      <td>{hours(figures.mean_first_response_hours)}</td>
      <td>{hours(figures.mean_resolution_hours)}</td>
    </tr>
  );
}

function Kpi({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <div className="kpi" title={hint}>
      <span className="kpi-value">{value}</span>
      <span className="kpi-label">{label}</span>
      {hint && <span className="kpi-hint subtle">{hint}</span>}
    </div>
  );
}
