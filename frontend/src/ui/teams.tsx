import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api } from '../api/client';
import type { Team } from '../api/types';

/** The teams an agent can route to, as GET /teams lists them (empty until it answers). */
interface Teams {
  names: string[];
  catalogue: Team[];
}

const TeamsContext = createContext<Teams | null>(null);

export function TeamsProvider({ children }: { children: ReactNode }) {
  const [catalogue, setCatalogue] = useState<Team[]>([]);

  useEffect(() => {
    let active = true;
    api.teams().then(
      (teams) => active && setCatalogue(teams),
      () => {
        // The lists of teams are a convenience: the board and the tickets still show without them.
      },
    );
    return () => {
      active = false;
    };
  }, []);

  const value = useMemo(
    () => ({ names: catalogue.map((team) => team.name).sort((a, b) => a.localeCompare(b)), catalogue }),
    [catalogue],
  );
  return <TeamsContext.Provider value={value}>{children}</TeamsContext.Provider>;
}

export function useTeams(): Teams {
  const teams = useContext(TeamsContext);
  if (!teams) throw new Error('useTeams needs a TeamsProvider above it');
  return teams;
}
