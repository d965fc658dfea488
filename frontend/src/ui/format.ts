/** Confidence bands shown to agents. Thresholds match the engine's default routing threshold of 0.6. */
export type Band = 'high' | 'medium' | 'low' | 'none';

export function bandOf(confidence: number | null | undefined): Band {
  if (confidence == null || Number.isNaN(confidence)) return 'none';
  if (confidence >= 0.9) return 'high';
  if (confidence >= 0.6) return 'medium';
  return 'low';
}

/**
 * A share as a percentage. A value short of 1 never reads "100%", nor a value above 0 "0%": 0.9989 is ">99%", not a
 * certainty the engine does not claim.
 */
export function percent(value: number | null | undefined, digits = 0): string {
  if (value == null || Number.isNaN(value)) return '–';
  const text = (value * 100).toFixed(digits);
  const step = 10 ** -digits;
  if (value < 1 && Number(text) >= 100) return `>${(100 - step).toFixed(digits)}%`;
  if (value > 0 && Number(text) <= 0) return `<${step.toFixed(digits)}%`;
  return `${text}%`;
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '–';
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso : dateTime.format(time);
}

/** "3 min ago" style, for cards where the exact time matters less than freshness. */
export function ago(iso: string, now: number = Date.now()): string {
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (Number.isNaN(seconds)) return '';
  if (seconds < 60) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.round(hours / 24)} d ago`;
}

/** "due in 3 h" / "overdue by 20 min", for a service-level due time. */
export function due(iso: string, now: number = Date.now()): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return '';
  const minutes = Math.round(Math.abs(at - now) / 60_000);
  const span =
    minutes < 60
      ? `${minutes} min`
      : minutes < 48 * 60
        ? `${Math.round(minutes / 60)} h`
        : `${Math.round(minutes / 1440)} d`;
  return at >= now ? `due in ${span}` : `overdue by ${span}`;
}

/** Renders a value of an explanation field the dashboard does not know yet. */
export function describe(value: unknown): string {
  if (value == null) return '–';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toFixed(3);
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return JSON.stringify(value);
}

export function humanize(key: string): string {
  const text = key.replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A duration given in hours, in the unit a person would use for it. */
export function hours(value: number | null | undefined): string {
  if (value == null || Number.isNaN(value)) return '–';
  if (value < 1 / 60) return 'under 1 min';
  if (value < 1) return `${Math.round(value * 60)} min`;
  if (value < 48) return `${value.toFixed(1)} h`;
  return `${(value / 24).toFixed(1)} days`;
}
