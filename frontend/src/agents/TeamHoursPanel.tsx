import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { api, ApiError } from '../api/client';
import type { TeamHours } from '../api/types';
import { useTeams } from '../ui/teams';
import {
  describeHours,
  draftOf,
  knownTimeZones,
  validate,
  WEEKDAYS,
  type HoursDraft,
  type HoursErrors,
} from './hoursModel';

type Load = { key: string; hours: TeamHours[] } | { key: string; failed: string };

/**
 * Each team's business hours, which its service-level targets count in (GET /teams/{team}/hours, one call per team:
 * there are a handful). Admins set and remove them here; everyone else reads them.
 */
export function TeamHoursPanel({ editable }: { editable: boolean }) {
  const fid = useId();
  const { names } = useTeams();
  const [attempt, setAttempt] = useState(0);
  const [load, setLoad] = useState<Load>();
  const [editing, setEditing] = useState<string>();
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string }>();
  const key = `${names.join('\n')}:${attempt}`;

  useEffect(() => {
    if (names.length === 0) return;
    let active = true;
    Promise.all(names.map((team) => api.teamHours(team))).then(
      (hours) => active && setLoad({ key, hours }),
      (e: unknown) =>
        active &&
        setLoad({ key, failed: e instanceof ApiError ? e.message : 'The business hours could not be loaded.' }),
    );
    return () => {
      active = false;
    };
  }, [names, key]);

  if (names.length === 0) return null;
  const heading = (
    <h2 id={`${fid}-heading`}>
      Business hours <span className="subtle">(what service-level targets count)</span>
    </h2>
  );
  if (!load || load.key !== key) {
    return (
      <section className="panel" aria-labelledby={`${fid}-heading`} data-testid="team-hours">
        {heading}
        <p className="loading" role="status">
          Loading business hours…
        </p>
      </section>
    );
  }
  if ('failed' in load) {
    return (
      <section className="panel" aria-labelledby={`${fid}-heading`} data-testid="team-hours">
        {heading}
        <p className="form-error" role="alert">
          {load.failed}
        </p>
      </section>
    );
  }
  const remove = async (team: string) => {
    try {
      await api.clearTeamHours(team);
      setNotice({ kind: 'ok', text: `${team}: targets count around the clock again.` });
      setEditing(undefined);
      setAttempt((n) => n + 1);
    } catch (error) {
      setNotice({ kind: 'error', text: error instanceof Error ? error.message : String(error) });
    }
  };
  const allCalendar = load.hours.every((hours) => hours.calendar_time);
  return (
    <section className="panel" aria-labelledby={`${fid}-heading`} data-testid="team-hours">
      {heading}
      {notice && (
        <p className={notice.kind === 'ok' ? 'notice' : 'form-error'} role={notice.kind === 'ok' ? 'status' : 'alert'}>
          {notice.text}
        </p>
      )}
      {!editable && allCalendar ? (
        <p className="subtle">Every team works around the clock: targets count calendar time.</p>
      ) : (
        <table className="data">
          <thead>
            <tr>
              <th scope="col">Team</th>
              <th scope="col">Working time</th>
              {editable && (
                <th scope="col">
                  <span className="visually-hidden">Change</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {load.hours.map((hours) => (
              <tr key={hours.team}>
                <th scope="row">{hours.team}</th>
                <td>{describeHours(hours)}</td>
                {editable && (
                  <td>
                    {/* the team in hidden words: the name starts with what the button shows, for voice control */}
                    <button
                      type="button"
                      className="button link"
                      onClick={() => {
                        setNotice(undefined);
                        setEditing(hours.team);
                      }}
                    >
                      {hours.calendar_time ? 'Set hours' : 'Change'}
                      <span className="visually-hidden">
                        {hours.calendar_time ? ` for ${hours.team}` : ` hours of ${hours.team}`}
                      </span>
                    </button>
                    {!hours.calendar_time && (
                      <button type="button" className="button link" onClick={() => void remove(hours.team)}>
                        Remove<span className="visually-hidden"> hours of {hours.team}</span>
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editable && editing && (
        <HoursForm
          key={editing}
          team={editing}
          hours={load.hours.find((hours) => hours.team === editing)}
          onCancel={() => setEditing(undefined)}
          onSaved={(saved) => {
            setNotice({ kind: 'ok', text: `${saved.team}: ${describeHours(saved)}.` });
            setEditing(undefined);
            setAttempt((n) => n + 1);
          }}
        />
      )}
    </section>
  );
}

const FIELDS: (keyof HoursDraft)[] = ['time_zone', 'days', 'start', 'end'];

function HoursForm({
  team,
  hours,
  onCancel,
  onSaved,
}: {
  team: string;
  hours: TeamHours | undefined;
  onCancel: () => void;
  onSaved: (saved: TeamHours) => void;
}) {
  const fid = useId();
  const zones = useMemo(() => knownTimeZones(), []);
  const [draft, setDraft] = useState<HoursDraft>(() => draftOf(hours));
  const [errors, setErrors] = useState<HoursErrors>({});
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = validate(draft);
    setErrors(found);
    setProblem(undefined);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      onSaved(await api.setTeamHours(team, { ...draft, time_zone: draft.time_zone.trim() }));
    } catch (error) {
      const server: HoursErrors = {};
      if (error instanceof ApiError) {
        for (const field of FIELDS) {
          const message = error.messageFor(field);
          if (message) server[field] = message;
        }
      }
      setErrors(server);
      // A problem no field of the form explains (a team removed meanwhile, no rights) shows above the form.
      if (Object.keys(server).length === 0) setProblem(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };

  const described = (field: keyof HoursDraft) =>
    errors[field]
      ? { 'aria-invalid': true as const, 'aria-describedby': `${fid}-${field}-error` }
      : { 'aria-invalid': undefined, 'aria-describedby': undefined };
  const message = (field: keyof HoursDraft) =>
    errors[field] && (
      <span id={`${fid}-${field}-error`} className="field-error" data-testid={`hours-error-${field}`}>
        {errors[field]}
      </span>
    );

  return (
    <form
      className="hours-form"
      aria-labelledby={`${fid}-title`}
      onSubmit={(event) => void submit(event)}
      noValidate
      data-testid="hours-form"
    >
      <h3 id={`${fid}-title`}>Business hours of {team}</h3>
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
      <div className="field">
        <label htmlFor={`${fid}-zone`}>Time zone</label>
        <input
          id={`${fid}-zone`}
          list={`${fid}-zones`}
          value={draft.time_zone}
          autoComplete="off"
          {...described('time_zone')}
          onChange={(event) => setDraft({ ...draft, time_zone: event.target.value })}
        />
        <datalist id={`${fid}-zones`}>
          {zones.map((zone) => (
            <option key={zone} value={zone} />
          ))}
        </datalist>
        {message('time_zone')}
      </div>
      <fieldset className="field weekdays" {...described('days')}>
        <legend>Working days</legend>
        <div className="weekday-boxes">
          {WEEKDAYS.map(({ day, label }) => (
            <label key={day} className="checkbox">
              <input
                type="checkbox"
                checked={draft.days.includes(day)}
                onChange={(event) =>
                  setDraft({
                    ...draft,
                    days: WEEKDAYS.map((weekday) => weekday.day).filter((other) =>
                      other === day ? event.target.checked : draft.days.includes(other),
                    ),
                  })
                }
              />
              {label}
            </label>
          ))}
        </div>
        {message('days')}
      </fieldset>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${fid}-start`}>Starts at</label>
          <input
            id={`${fid}-start`}
            type="time"
            value={draft.start}
            {...described('start')}
            onChange={(event) => setDraft({ ...draft, start: event.target.value })}
          />
          {message('start')}
        </div>
        <div className="field">
          <label htmlFor={`${fid}-end`}>Ends at</label>
          <input
            id={`${fid}-end`}
            type="time"
            value={draft.end}
            {...described('end')}
            onChange={(event) => setDraft({ ...draft, end: event.target.value })}
          />
          {message('end')}
        </div>
      </div>
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save hours'}
        </button>{' '}
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
