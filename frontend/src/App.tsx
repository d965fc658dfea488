import { lazy, Suspense, useEffect } from 'react';
import { CallerBadge, isAgent, SessionGate, useCaller } from './auth/Session';
import { IncidentBanner } from './live/IncidentBanner';
import { LiveUpdatesProvider, useConnectionState } from './live/LiveUpdates';
import { BoardPage } from './board/BoardPage';
import { TicketPage } from './ticket/TicketPage';
import { Link, useRoute, type Route } from './ui/router';
import { TeamsProvider } from './ui/teams';
import { Loading } from './ui/States';
import { WebhooksPage } from './webhooks/WebhooksPage';
import { AgentsPage } from './agents/AgentsPage';
import { TeamsPage } from './agents/TeamsPage';
import { AvailabilitySwitch } from './agents/AvailabilitySwitch';

// The charting library is only needed on the insights page; the board loads without it.
const InsightsPage = lazy(() => import('./insights/InsightsPage').then((module) => ({ default: module.InsightsPage })));

export function App() {
  return (
    <SessionGate>
      <LiveUpdatesProvider>
        <TeamsProvider>
          <Shell />
        </TeamsProvider>
      </LiveUpdatesProvider>
    </SessionGate>
  );
}

const TITLES: Record<Route['page'], string> = {
  board: 'Board',
  ticket: 'Ticket',
  insights: 'Insights',
  webhooks: 'Webhooks',
  agents: 'Agents and service levels',
  teams: 'Teams',
  missing: 'Not found',
};

function Shell() {
  const route = useRoute();
  const caller = useCaller();
  const admin = caller.role === 'admin';
  useEffect(() => {
    document.title = `${route.page === 'ticket' ? `Ticket #${route.id}` : TITLES[route.page]} · Ticket Triage`;
  }, [route]);
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link href="/" className="brand">
          <img src="/favicon.svg" alt="" width={24} height={24} />
          Ticket Triage
        </Link>
        <nav aria-label="Main">
          <Link href="/" aria-current={route.page === 'board' || route.page === 'ticket' ? 'page' : undefined}>
            Board
          </Link>
          {/* requesters may not read routing figures or how teams are run (the API answers them 403) */}
          {isAgent(caller) && (
            <Link href="/analytics" aria-current={route.page === 'insights' ? 'page' : undefined}>
              Insights
            </Link>
          )}
          {isAgent(caller) && (
            <Link href="/team-settings" aria-current={route.page === 'teams' ? 'page' : undefined}>
              Teams
            </Link>
          )}
          {admin && (
            <Link href="/admin/webhooks" aria-current={route.page === 'webhooks' ? 'page' : undefined}>
              Webhooks
            </Link>
          )}
          {admin && (
            <Link href="/admin/agents" aria-current={route.page === 'agents' ? 'page' : undefined}>
              Agents
            </Link>
          )}
          <a href="/docs">API</a>
        </nav>
        <ConnectionBadge />
        <AvailabilitySwitch />
        <CallerBadge />
      </header>
      <IncidentBanner />
      <main id="main" tabIndex={-1}>
        {route.page === 'board' && <BoardPage />}
        {route.page === 'ticket' && <TicketPage key={route.id} id={route.id} />}
        {route.page === 'insights' && (
          <Suspense fallback={<Loading what="insights" />}>
            <InsightsPage />
          </Suspense>
        )}
        {route.page === 'webhooks' && <WebhooksPage />}
        {route.page === 'agents' && <AgentsPage />}
        {route.page === 'teams' && <TeamsPage />}
        {route.page === 'missing' && (
          <section className="state">
            <h1>Page not found</h1>
            <p>
              There is nothing at this address. <Link href="/">Back to the board</Link>
            </p>
          </section>
        )}
      </main>
    </>
  );
}

function ConnectionBadge() {
  const state = useConnectionState();
  const label = { live: 'Live', connecting: 'Connecting…', offline: 'Offline: updates paused' }[state];
  return (
    <span className={`connection connection-${state}`} role="status" data-testid="connection">
      <span className="dot" aria-hidden="true" />
      {label}
    </span>
  );
}
