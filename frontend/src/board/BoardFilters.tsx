import { LEVELS, PRIORITIES } from '../api/types';
import { NO_FILTER, type BoardFilter } from './boardModel';

export function BoardFilters({ filter, onChange }: { filter: BoardFilter; onChange: (filter: BoardFilter) => void }) {
  const active = filter.text !== '' || filter.priority !== '' || filter.level !== '';
  return (
    <form className="filters" role="search" onSubmit={(event) => event.preventDefault()}>
      <label className="field grow">
        <span>Search</span>
        <input
          type="search"
          value={filter.text}
          placeholder="Words in the title or description, or #id"
          onChange={(event) => onChange({ ...filter, text: event.target.value })}
        />
      </label>
      <label className="field">
        <span>Priority</span>
        <select value={filter.priority} onChange={(event) => onChange({ ...filter, priority: event.target.value })}>
          <option value="">Any</option>
          {PRIORITIES.map((priority) => (
            <option key={priority}>{priority}</option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Tier</span>
        <select value={filter.level} onChange={(event) => onChange({ ...filter, level: event.target.value })}>
          <option value="">Any</option>
          {LEVELS.map((level) => (
            <option key={level}>{level}</option>
          ))}
        </select>
      </label>
      {active && (
        <button type="button" className="button link" onClick={() => onChange({ ...NO_FILTER, team: filter.team })}>
          Clear filters
        </button>
      )}
    </form>
  );
}
