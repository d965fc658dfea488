import type { ConnectorFigures } from '../api/types';
import { percent } from '../ui/format';

/** Below this many tickets a share moves a lot with each new one: it is shown, marked as resting on few tickets. */
export const FEW_TICKETS = 20;

const NAMES: Record<string, string> = { zammad: 'Zammad', glpi: 'GLPI' };

export function nameOf(connector: string): string {
  return NAMES[connector] ?? connector;
}

export const MODES: Record<string, string> = {
  shadow: 'nothing changes in the helpdesk; decisions are only recorded',
  suggest: 'an internal note with the suggested team on each ticket',
  auto: "group and priority set when the team's threshold is met, a note otherwise",
};

/** As the worker that polls the helpdesk recorded it: every server process gives the same state. */
const STATES: Record<string, string> = {
  up: 'helpdesk reachable',
  down: 'helpdesk cannot be reached: its tickets and write-backs wait',
  'not polled': 'not polled yet (webhooks only, or no worker process has polled it)',
  off: 'off (not configured): figures of the tickets it took in before',
};

export function stateOf(figures: ConnectorFigures): string {
  return STATES[figures.state] ?? figures.state;
}

/** A connector that is configured, or was, and still has tickets in the period. */
export function isShown(figures: ConnectorFigures): boolean {
  return figures.enabled || figures.decided > 0;
}

export interface Shown {
  text: string;
  /** `none`: nothing to measure on; `few`: fewer than {@link FEW_TICKETS}. */
  state: 'none' | 'few' | 'enough';
}

/** A share with how much it can be trusted: never a 0% out of nothing. */
export function share(value: number | null | undefined, basis: number): Shown {
  if (value == null || basis === 0) return { text: 'not enough data', state: 'none' };
  return { text: percent(value), state: basis < FEW_TICKETS ? 'few' : 'enough' };
}

export interface FigureRow {
  label: string;
  value: Shown;
  /** What the figure is counted on, with n. */
  basis: string;
}

function tickets(n: number, what: string): string {
  return `${n} ${n === 1 ? 'ticket' : 'tickets'} ${what}`;
}

export function figureRows(f: ConnectorFigures): FigureRow[] {
  const closed = tickets(f.closed, 'closed in the helpdesk');
  return [
    {
      label: 'Coverage (auto mode would route by itself)',
      value: share(f.coverage, f.decided),
      basis: `${f.would_auto_route} of ${tickets(f.decided, 'decided')}`,
    },
    {
      label: 'Auto-route precision',
      value: share(f.auto_route_precision, f.closed_would_auto_route),
      basis: tickets(f.closed_would_auto_route, 'closed that auto mode would have routed'),
    },
    { label: "Engine's accuracy (team or best guess)", value: share(f.engine_accuracy, f.closed), basis: closed },
    {
      label: "Helpdesk's first group right",
      value: share(f.helpdesk_first_group_right, f.closed),
      basis: closed,
    },
    {
      label: 'Tickets moved to another group by agents',
      value:
        f.closed === 0
          ? { text: 'not enough data', state: 'none' }
          : { text: String(f.moved_by_agents), state: f.closed < FEW_TICKETS ? 'few' : 'enough' },
      basis: closed,
    },
    { label: 'Priority agreement', value: share(f.priority_agreement, f.closed), basis: closed },
  ];
}
