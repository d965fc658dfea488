import { useRef, type KeyboardEvent } from 'react';
import { ALL_TEAMS } from './boardModel';

interface Props {
  /** The id of the element the tabs control. */
  panelId: string;
  tabs: string[];
  counts: Map<string, number>;
  selected: string;
  onSelect: (team: string) => void;
}

/** Team tabs with the arrow-key behaviour of the WAI-ARIA tabs pattern. */
export function TeamTabs({ panelId, tabs, counts, selected, onSelect }: Props) {
  const all = [ALL_TEAMS, ...tabs];
  const refs = useRef<(HTMLButtonElement | null)[]>([]);

  const onKey = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
    let target: number | undefined;
    if (step) target = (index + step + all.length) % all.length;
    if (event.key === 'Home') target = 0;
    if (event.key === 'End') target = all.length - 1;
    if (target === undefined) return;
    event.preventDefault();
    onSelect(all[target]!);
    refs.current[target]?.focus();
  };

  return (
    <div className="tabs" role="tablist" aria-label="Teams">
      {all.map((team, index) => (
        <button
          key={team || 'all'}
          ref={(element) => {
            refs.current[index] = element;
          }}
          type="button"
          role="tab"
          id={tabId(panelId, team)}
          aria-selected={team === selected}
          aria-controls={panelId}
          tabIndex={team === selected ? 0 : -1}
          className="tab"
          onClick={() => onSelect(team)}
          onKeyDown={(event) => onKey(event, index)}
        >
          {team || 'All teams'}
          <span className="count" title="Tickets on the board, closed ones included">
            {counts.get(team) ?? 0}
          </span>
        </button>
      ))}
    </div>
  );
}

export function tabId(panelId: string, team: string): string {
  return `${panelId}-tab-${team ? team.replace(/[^A-Za-z0-9]+/g, '-') : 'all'}`;
}
