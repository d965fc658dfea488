export interface Incident {
  id: string;
  summary: string | null;
  tickets: number[];
}

/** Reads an incident_detected payload without trusting its shape: the grouping work defines it. */
export function incidentOf(payload: Record<string, unknown>): Incident | null {
  const id = payload.id;
  if (typeof id !== 'number' && typeof id !== 'string') return null;
  const summary = [payload.title, payload.summary, payload.team].find((value) => typeof value === 'string') as
    string | undefined;
  const ids = Array.isArray(payload.ticket_ids) ? payload.ticket_ids : [];
  return { id: String(id), summary: summary ?? null, tickets: ids.filter((t): t is number => typeof t === 'number') };
}
