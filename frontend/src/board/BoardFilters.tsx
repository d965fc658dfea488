import { useId } from 'react';
import { LEVELS, PRIORITIES } from '../api/types';
import { SelectField } from '../ui/SelectField';
import { NO_FILTER, type BoardFilter } from './boardModel';

const ANY = { value: '', label: 'Any' };

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
      <SelectField
        id={`${fid}-priority`}
        label="Priority"
        value={filter.priority}
        options={[ANY, ...PRIORITIES]}
        onChange={(priority) => onChange({ ...filter, priority })}
      />
      <SelectField
        id={`${fid}-tier`}
        label="Tier"
        value={filter.level}
        options={[ANY, ...LEVELS]}
        onChange={(level) => onChange({ ...filter, level })}
      />
      {active && (
        <button type="button" className="button link" onClick={() => onChange({ ...NO_FILTER, team: filter.team })}>
          Clear filters
        </button>
      )}
    </form>
  );
}
