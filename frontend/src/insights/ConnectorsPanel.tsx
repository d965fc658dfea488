import { api } from '../api/client';
import type { ConnectorFigures } from '../api/types';
import { formatDate } from '../ui/format';
import { figureRows, isShown, MODES, nameOf, stateOf } from './connectorsModel';
import { useLoadPerPeriod } from './useLoadPerPeriod';

/**
 * The helpdesk connectors' shadow figures over the chosen period (GET /insights/connectors): what routing by the
 * engine would have achieved in the helpdesk against what its agents did. Counted by the server from its database,
 * so every process shows the same figures; the state line is the answering process's own view, as in health.
 */
export function ConnectorsPanel({ days }: { days: number }) {
  const load = useLoadPerPeriod(days, api.connectorInsights, 'The connector figures could not be loaded.');

  if (!load) return null;
  if ('failed' in load) {
    return (
      <p className="subtle" role="alert">
        Helpdesk connectors: {load.failed}
      </p>
    );
  }
  const insights = load.value;
  const shown = insights.connectors.filter(isShown);
  if (shown.length === 0) {
    return (
      <p className="subtle" data-testid="connectors-hint">
        No helpdesk connector is configured. Connected to Zammad or GLPI (<code>TRIAGE_ZAMMAD_URL</code>,{' '}
        <code>TRIAGE_GLPI_URL</code>; see <code>docs/connectors/</code>), this page shows what the engine&apos;s routing
        would achieve in the helpdesk before it changes anything there (
        <a href="/docs#/Insights">GET /insights/connectors</a>).
      </p>
    );
  }
  return (
    <section className="panel" aria-labelledby="connectors-heading" data-testid="connectors">
      <h2 id="connectors-heading">Helpdesk connectors</h2>
      <p className="subtle">
        Tickets the engine decided in the helpdesk over the last {insights.window_days} days, against the group and
        priority each had when the helpdesk closed it. Each share says how many tickets it is measured on.
      </p>
      {shown.map((figures) => (
        <Connector key={figures.connector} figures={figures} />
      ))}
    </section>
  );
}

function Connector({ figures }: { figures: ConnectorFigures }) {
  const name = nameOf(figures.connector);
  const headingId = `connector-${figures.connector}-heading`;
  return (
    <section className="connector" aria-labelledby={headingId} data-testid={`connector-${figures.connector}`}>
      <h3 id={headingId}>{name}</h3>
      <dl className="connector-state">
        <div>
          <dt>Mode</dt>
          <dd>
            {figures.mode}
            {MODES[figures.mode] && <span className="subtle">: {MODES[figures.mode]}</span>}
          </dd>
        </div>
        <div>
          <dt>State</dt>
          <dd data-testid="connector-state">
            {stateOf(figures)}
            {figures.last_poll && <span className="subtle"> (last poll {formatDate(figures.last_poll)})</span>}
          </dd>
        </div>
        {figures.last_error && (
          <div>
            <dt>Last error</dt>
            <dd className="connector-error">{figures.last_error}</dd>
          </div>
        )}
        {(figures.writebacks_waiting > 0 || figures.writebacks_failed > 0) && (
          <div>
            <dt>Write-backs</dt>
            <dd>
              {figures.writebacks_waiting} waiting, {figures.writebacks_failed} failed
            </dd>
          </div>
        )}
      </dl>
      <div className="table-scroll">
        <table className="data">
          <caption className="visually-hidden">Shadow figures of {name}</caption>
          <thead>
            <tr>
              <th scope="col">Figure</th>
              <th scope="col">Value</th>
              <th scope="col">Measured on</th>
            </tr>
          </thead>
          <tbody>
            {figureRows(figures).map((row) => (
              <tr key={row.label}>
                <th scope="row">{row.label}</th>
                <td>
                  {row.value.text}
                  {row.value.state === 'few' && <span className="subtle"> (few tickets)</span>}
                </td>
                <td className="subtle">{row.basis}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
