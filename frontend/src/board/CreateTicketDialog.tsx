import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { api, ApiError } from '../api/client';
import { LEVELS, PRIORITIES, type Ticket } from '../api/types';
import { SelectField } from '../ui/SelectField';

const ENGINE_DECIDES = { value: '', label: 'Let the engine decide' };

interface Props {
  onClose: () => void;
  onCreated: (ticket: Ticket) => void;
}

/**
 * The create form validates nothing itself: the API is the authority, and its problem+json `detail`
 * and per-field `errors` are shown next to the fields they concern.
 */
export function CreateTicketDialog({ onClose, onCreated }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [priority, setPriority] = useState('');
  const [level, setLevel] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();

  useEffect(() => {
    const element = dialog.current;
    // Opened as a modal so focus stays inside and Escape closes it; unmounting removes it.
    if (element && !element.open) element.showModal();
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      const ticket = await api.createTicket({
        title,
        description,
        ...(priority ? { priority } : {}),
        ...(level ? { level } : {}),
      });
      onCreated(ticket);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'The ticket could not be created.'));
    } finally {
      setBusy(false);
    }
  };

  const fieldError = (field: string) => error?.messageFor(field);
  const titleError = fieldError('title');
  const descriptionError = fieldError('description');

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby={`${id}-heading`} onCancel={onClose} onClose={onClose}>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <h2 id={`${id}-heading`}>New ticket</h2>
        <p className="subtle">It is routed to a team within moments; you can follow it on the board.</p>
        {error && (
          <div className="form-error" role="alert" data-testid="form-error">
            {sentence(error.message)}
          </div>
        )}
        <div className="field">
          <label htmlFor={`${id}-title`}>Title</label>
          <input
            id={`${id}-title`}
            name="title"
            value={title}
            autoFocus
            aria-invalid={titleError ? true : undefined}
            aria-describedby={titleError ? `${id}-title-error` : undefined}
            onChange={(event) => setTitle(event.target.value)}
          />
          {titleError && (
            <span id={`${id}-title-error`} className="field-error">
              Title {titleError}
            </span>
          )}
        </div>
        <div className="field">
          <label htmlFor={`${id}-description`}>Description</label>
          <textarea
            id={`${id}-description`}
            name="description"
            rows={6}
            value={description}
            aria-invalid={descriptionError ? true : undefined}
            aria-describedby={descriptionError ? `${id}-description-error` : undefined}
            onChange={(event) => setDescription(event.target.value)}
          />
          {descriptionError && (
            <span id={`${id}-description-error`} className="field-error">
              Description {descriptionError}
            </span>
          )}
        </div>
        <div className="field-row">
          <SelectField
            id={`${id}-priority`}
            label="Priority"
            name="priority"
            value={priority}
            options={[ENGINE_DECIDES, ...PRIORITIES]}
            onChange={setPriority}
          />
          <SelectField
            id={`${id}-tier`}
            label="Tier"
            name="level"
            value={level}
            options={[ENGINE_DECIDES, ...LEVELS]}
            onChange={setLevel}
          />
        </div>
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? 'Creating…' : 'Create ticket'}
          </button>
        </div>
      </form>
    </dialog>
  );
}

/** The API's details start with the field name in lower case ("title is required..."); a banner reads as a sentence. */
function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
