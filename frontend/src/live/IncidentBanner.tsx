import { useState } from 'react';
import { Link } from '../ui/router';
import { incidentOf, type Incident } from './incident';
import { useLiveEvent } from './LiveUpdates';

/** Announces a newly detected incident (many similar tickets at once) on every screen until dismissed. */
export function IncidentBanner() {
  const [incident, setIncident] = useState<Incident | null>(null);
  useLiveEvent('incident_detected', (payload) => setIncident(incidentOf(payload)));
  if (!incident) return null;
  const first = incident.tickets[0];
  return (
    <div className="incident-banner" role="status" data-testid="incident-banner">
      <strong>Incident {incident.id} detected</strong>
      {incident.summary && <span>{incident.summary}</span>}
      {incident.tickets.length > 0 && <span>{incident.tickets.length} related tickets</span>}
      {first !== undefined && <Link href={`/ticket/${first}`}>Open the first ticket</Link>}
      <button type="button" className="button link" onClick={() => setIncident(null)}>
        Dismiss
      </button>
    </div>
  );
}
