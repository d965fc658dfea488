import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { api, ApiError } from '../api/client';
import { LEVELS, MANUAL_REVIEW, PRIORITIES, type Ticket } from '../api/types';
import { navigate } from '../ui/router';
import { SelectField, type SelectOption } from '../ui/SelectField';
import { useTeams } from '../ui/teams';

interface Props {
  ticket: Ticket;
  onChanged: (ticket: Ticket) => void;
}

/** An agent's corrections (team, priority, tier), which the engine learns from, and the lifecycle actions. */
export function AgentActions({ ticket, onChanged }: Props) {
  const { names } = useTeams();
  const [team, setTeam] = useState(ticket.assigned_to);
  const [priority, setPriority] = useState(ticket.priority);
  const [level, setLevel] = useState(ticket.level);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const id = useId();

  // Follow changes made elsewhere (the engine, another agent) while keeping nothing stale: adjusted during
  // rendering, as React advises, rather than in an effect that would first paint the stale choices.
  const shown = `${ticket.assigned_to}|${ticket.priority}|${ticket.level}`;
  const [followed, setFollowed] = useState(shown);
  if (followed !== shown) {
    setFollowed(shown);
    setTeam(ticket.assigned_to);
    setPriority(ticket.priority);
    setLevel(ticket.level);
  }

  const teamOptions = [
    ...new Set([...names, ...(ticket.assigned_to && ticket.assigned_to !== MANUAL_REVIEW ? [ticket.assigned_to] : [])]),
  ].sort((a, b) => a.localeCompare(b));
  const teamChoices: SelectOption[] = [
    ...(ticket.assigned_to ? [] : [{ value: '', label: 'Not routed yet' }]),
    ...(ticket.assigned_to === MANUAL_REVIEW ? [{ value: MANUAL_REVIEW, label: 'Manual Review' }] : []),
    ...teamOptions,
  ];
  const change = {
    ...(team !== ticket.assigned_to && team ? { assigned_to: team } : {}),
    ...(priority !== ticket.priority ? { priority } : {}),
    ...(level !== ticket.level ? { level } : {}),
  };
  const dirty = Object.keys(change).length > 0;

  const run = async (action: () => Promise<Ticket | void>, done: string) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const result = await action();
      if (result) onChanged(result);
      setNotice(done);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'The change could not be saved.');
    } finally {
      setBusy(false);
    }
  };

  const save = (event: FormEvent) => {
    event.preventDefault();
    if (dirty) void run(() => api.changeTicket(ticket.id, change), 'Saved. The engine learns from this correction.');
  };

  const closed = ticket.status === 'closed';
  return (
    <section className="panel actions" aria-labelledby={`${id}-heading`} data-testid="agent-actions">
      <h2 id={`${id}-heading`}>Actions</h2>
      <form onSubmit={save}>
        <SelectField id={`${id}-team`} label="Team" name="team" value={team} options={teamChoices} onChange={setTeam} />
        <SelectField
          id={`${id}-priority`}
          label="Priority"
          name="priority"
          value={priority}
          options={PRIORITIES}
          onChange={setPriority}
        />
        <SelectField id={`${id}-tier`} label="Tier" name="level" value={level} options={LEVELS} onChange={setLevel} />
        <button type="submit" className="button primary" disabled={!dirty || busy}>
          Save changes
        </button>
      </form>
      <div className="action-row">
        {closed ? (
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => void run(() => api.changeStatus(ticket.id, 'routed'), 'Reopened.')}
          >
            Reopen
          </button>
        ) : (
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => void run(() => api.changeStatus(ticket.id, 'closed'), 'Closed.')}
          >
            Close ticket
          </button>
        )}
        <button type="button" className="button danger" disabled={busy} onClick={() => setConfirming(true)}>
          Delete…
        </button>
      </div>
      <div aria-live="polite">
        {notice && <p className="notice">{notice}</p>}
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
      </div>
      {confirming && (
        <ConfirmDelete
          ticket={ticket}
          onCancel={() => setConfirming(false)}
          onConfirm={() =>
            void run(async () => {
              await api.deleteTicket(ticket.id);
              navigate('/');
            }, 'Deleted.').finally(() => setConfirming(false))
          }
        />
      )}
    </section>
  );
}

function ConfirmDelete({
  ticket,
  onCancel,
  onConfirm,
}: {
  ticket: Ticket;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);
  return (
    <dialog
      ref={dialog}
      className="dialog small"
      role="alertdialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-text`}
      onCancel={onCancel}
    >
      <h2 id={`${id}-title`}>Delete ticket #{ticket.id}?</h2>
      <p id={`${id}-text`}>The ticket and its comments are removed for everyone. This cannot be undone.</p>
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onCancel} autoFocus>
          Cancel
        </button>
        <button type="button" className="button danger" onClick={onConfirm}>
          Delete ticket
        </button>
      </div>
    </dialog>
  );
}
