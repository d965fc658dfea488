import type { TeamHours } from '../api/types';

/** The API's day names, in week order, with the labels the dashboard shows. */
export const WEEKDAYS = [
  { day: 'MON', label: 'Mon' },
  { day: 'TUE', label: 'Tue' },
  { day: 'WED', label: 'Wed' },
  { day: 'THU', label: 'Thu' },
  { day: 'FRI', label: 'Fri' },
  { day: 'SAT', label: 'Sat' },
  { day: 'SUN', label: 'Sun' },
] as const;

export type Weekday = (typeof WEEKDAYS)[number]['day'];

/** What the form edits: the body of PUT /teams/{team}/hours. */
export interface HoursDraft {
  time_zone: string;
  days: Weekday[];
  start: string;
  end: string;
}

/** Field name (as the API names it) to message. */
export type HoursErrors = Partial<Record<keyof HoursDraft, string>>;

/** A team's working time in words: "Mon–Fri, 09:00–17:00 (Europe/Paris)", or "Around the clock". */
export function describeHours(hours: TeamHours): string {
  if (hours.calendar_time || !hours.days || !hours.start || !hours.end) return 'Around the clock';
  return `${dayRanges(hours.days)}, ${hours.start}–${hours.end} (${hours.time_zone ?? 'UTC'})`;
}

/** "Mon–Fri", "Mon, Wed, Fri", "Mon–Wed, Sat": runs of three or more days read as a range. */
export function dayRanges(days: readonly string[]): string {
  const runs: string[][] = [];
  let run: string[] = [];
  for (const { day, label } of WEEKDAYS) {
    if (days.includes(day)) run.push(label);
    else if (run.length > 0) {
      runs.push(run);
      run = [];
    }
  }
  if (run.length > 0) runs.push(run);
  return runs.flatMap((r) => (r.length >= 3 ? [`${r[0]}–${r[r.length - 1]}`] : r)).join(', ');
}

/** The browser's own zone, a sensible first choice for a team working where its admin sits. */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** The IANA zones the browser knows, offered as suggestions; the server decides what it accepts. */
export function knownTimeZones(): string[] {
  const supported = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf;
  try {
    return supported ? supported('timeZone') : [];
  } catch {
    return [];
  }
}

/** A new draft from a team's current hours, or office hours on weekdays in the browser's zone. */
export function draftOf(hours: TeamHours | undefined): HoursDraft {
  if (!hours || hours.calendar_time) {
    return { time_zone: browserTimeZone(), days: ['MON', 'TUE', 'WED', 'THU', 'FRI'], start: '09:00', end: '17:00' };
  }
  return {
    time_zone: hours.time_zone ?? '',
    days: WEEKDAYS.map((weekday) => weekday.day).filter((day) => hours.days?.includes(day)),
    start: hours.start ?? '',
    end: hours.end ?? '',
  };
}

const TIME = /^\d{2}:\d{2}$/;

/**
 * What can be told before asking the server. The server checks again (and alone knows which zones it has); its
 * messages are shown the same way.
 */
export function validate(draft: HoursDraft): HoursErrors {
  const errors: HoursErrors = {};
  if (!draft.time_zone.trim()) errors.time_zone = 'Choose a time zone, such as Europe/Paris.';
  if (draft.days.length === 0) errors.days = 'Choose at least one working day.';
  if (!TIME.test(draft.start)) errors.start = 'Give the start as HH:MM, such as 09:00.';
  if (!TIME.test(draft.end)) errors.end = 'Give the end as HH:MM, such as 17:00.';
  else if (TIME.test(draft.start) && draft.end <= draft.start)
    errors.end = 'The end must be after the start (a working day within one calendar day).';
  return errors;
}
