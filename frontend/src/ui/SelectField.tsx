/** A choice in a SelectField: a bare string is both its value and its label. */
export type SelectOption<T extends string = string> = T | { value: T | number; label: string };

interface Props<T extends string> {
  /** The select's id, which the label points at; callers derive it from their own useId(). */
  id: string;
  label: string;
  name?: string;
  value: string | number;
  options: readonly SelectOption<T>[];
  /** Called with the chosen option's value, as a string (the select's own value). */
  onChange: (value: T) => void;
  /** Extra classes for the field wrapper, such as `inline`. */
  className?: string;
}

/** A labelled drop-down in the dashboard's `.field` layout. */
export function SelectField<T extends string>({ id, label, name, value, options, onChange, className }: Props<T>) {
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} value={value} onChange={(event) => onChange(event.target.value as T)}>
        {options.map((option) => {
          const choice = typeof option === 'string' ? { value: option, label: option } : option;
          return (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          );
        })}
      </select>
    </div>
  );
}
