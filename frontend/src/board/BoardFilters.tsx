import { useId } from 'react';
import { LEVELS, PRIORITIES } from '../api/types';
import { NO_FILTER, type BoardFilter } from './boardModel';

export function BoardFilters({ filter, onChange }: { filter: BoardFilter; onChange: (filter: BoardFilter) => void }) {
  const fid = useId();
  const active = filter.text !== '' || filter.priority !== '' || filter.level !== '';
  return (
    <form className="filters" role="search" onSubmit={(event) => event.preventDefault()}>
      <div className="field grow">
        <label htmlFor={`${fid}-search`}>Search</label>
        <input
          id={`${fid}-search`}
          type="search"
          value={filter.text}
          placeholder="Words in the title or description, or #id"
          onChange={(event) => onChange({ ...filter, text: event.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={`${fid}-priority`}>Priority</label>
        <select
          id={`${fid}-priority`}
          value={filter.priority}
          onChange={(event) => onChange({ ...filter, priority: event.target.value })}
        >
          <option value="">Any</option>
          {PRIORITIES.map((priority) => (
            <option key={priority}>{priority}</option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${fid}-tier`}>Tier</label>
        <select
          id={`${fid}-tier`}
          value={filter.level}
          onChange={(event) => onChange({ ...filter, level: event.target.value })}
        >
          <option value="">Any</option>
          {LEVELS.map((level) => (
            <option key={level}>{level}</option>
          ))}
        </select>
      </div>
      {active && (
        <button type="button" className="button link" onClick={() => onChange({ ...NO_FILTER, team: filter.team })}>
          Clear filters
        </button>
      )}
    </form>
  );
}
