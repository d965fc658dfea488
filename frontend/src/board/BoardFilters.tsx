import { useId } from 'react';
import { LEVELS, PRIORITIES } from '../api/types';
import { SelectField } from '../ui/SelectField';
import { NO_FILTER, type BoardFilter } from './boardModel';

const ANY = { value: '', label: 'Any' };

const SORTS = [
  { value: 'newest', label: 'Newest first' },
  { value: 'due', label: 'Due soonest' },
];

export function BoardFilters({
  filter,
  onChange,
  me,
}: {
  filter: BoardFilter;
  onChange: (filter: BoardFilter) => void;
  /** The logged-in agent's name, for "My tickets". */
  me: string;
}) {
  const fid = useId();
  const active = filter.text !== '' || filter.priority !== '' || filter.level !== '' || filter.assignee !== '';
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
      <SelectField
        id={`${fid}-sort`}
        label="Order"
        value={filter.sort}
        options={SORTS}
        onChange={(sort) => onChange({ ...filter, sort: sort === 'due' ? 'due' : 'newest' })}
      />
      <div className="field checkbox">
        <label htmlFor={`${fid}-mine`}>
          <input
            id={`${fid}-mine`}
            type="checkbox"
            checked={filter.assignee !== ''}
            onChange={(event) => onChange({ ...filter, assignee: event.target.checked ? me : '' })}
          />{' '}
          My tickets
        </label>
      </div>
      {active && (
        <button
          type="button"
          className="button link"
          onClick={() => onChange({ ...NO_FILTER, team: filter.team, sort: filter.sort })}
        >
          Clear filters
        </button>
      )}
    </form>
  );
}
