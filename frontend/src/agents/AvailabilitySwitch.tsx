import { useEffect, useState } from 'react';
import { api } from '../api/client';
import type { Agent } from '../api/types';
import { isAgent, useCaller } from '../auth/Session';

/**
 * An agent's own availability, in the header: away agents get no new tickets, and their queue waits for the
 * others. Shown only to agents with a profile (an admin adds it on the Agents page).
 */
export function AvailabilitySwitch() {
  const caller = useCaller();
  const [me, setMe] = useState<Agent | null>(null);
  const [error, setError] = useState<string>();
  const enabled = caller.auth !== 'none' && isAgent(caller);

  useEffect(() => {
    if (!enabled) return;
    let active = true;
    api.agents().then(
      (agents) => active && setMe(agents.find((agent) => agent.name === caller.name) ?? null),
      () => {
        // without the list the header simply offers no switch
      },
    );
    return () => {
      active = false;
    };
  }, [enabled, caller.name]);

  if (!enabled || !me) return null;
  const away = me.availability === 'away';
  const toggle = async () => {
    try {
      setMe(await api.setAvailability(me.name, away ? 'available' : 'away'));
      setError(undefined);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  };
  return (
    <span className="availability" data-testid="availability">
      <button
        type="button"
        className={`button ${away ? 'away' : ''}`}
        aria-pressed={!away}
        title={away ? 'You get no new tickets; click to take tickets again' : 'Click to stop getting new tickets'}
        onClick={() => void toggle()}
      >
        {away ? 'Away' : 'Available'}
      </button>
      {error && (
        <span role="alert" className="form-error">
          {error}
        </span>
      )}
    </span>
  );
}
