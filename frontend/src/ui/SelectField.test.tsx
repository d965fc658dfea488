import { isValidElement, type ReactElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { SelectField } from './SelectField';

const OPTIONS = [{ value: '', label: 'Any' }, 'Low', 'High'];

/** The tests run without a DOM, so the select is found in the element tree to call its handler. */
function findSelect(node: ReactNode): ReactElement<{ onChange: (event: unknown) => void }> | undefined {
  if (!isValidElement<{ children?: ReactNode }>(node)) return undefined;
  if (node.type === 'select') return node as ReactElement<{ onChange: (event: unknown) => void }>;
  const children = [node.props.children].flat();
  return children.map(findSelect).find(Boolean);
}

describe('select field', () => {
  it('binds its label to the select and lists the options with their values', () => {
    const html = renderToStaticMarkup(
      <SelectField
        id="f-priority"
        label="Priority"
        name="priority"
        value="High"
        options={OPTIONS}
        onChange={() => {}}
      />,
    );
    expect(html).toBe(
      '<div class="field"><label for="f-priority">Priority</label>' +
        '<select id="f-priority" name="priority">' +
        '<option value="">Any</option><option value="Low">Low</option><option value="High" selected="">High</option>' +
        '</select></div>',
    );
  });

  it('adds its classes to the field and accepts numeric values', () => {
    const html = renderToStaticMarkup(
      <SelectField
        id="p"
        label="Period"
        className="inline"
        value={30}
        options={[7, 30].map((days) => ({ value: days, label: `Last ${days} days` }))}
        onChange={() => {}}
      />,
    );
    expect(html).toContain('<div class="field inline">');
    expect(html).toContain('<option value="30" selected="">Last 30 days</option>');
  });

  it('reports the chosen value', () => {
    const onChange = vi.fn();
    const select = findSelect(SelectField({ id: 's', label: 'Priority', value: 'Low', options: OPTIONS, onChange }));
    select?.props.onChange({ target: { value: 'High' } });
    expect(onChange).toHaveBeenCalledExactlyOnceWith('High');
  });
});
