import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api } from '../api/client';
import type { Team } from '../api/types';

/**
 * The teams an agent can route to. GET /teams when the server offers it; otherwise the teams seen
 * in explanations and on tickets are added as screens meet them.
 */
interface Teams {
  names: string[];
  catalogue: Team[] | null;
  learn(names: Iterable<string>): void;
}

const TeamsContext = createContext<Teams | null>(null);

export function TeamsProvider({ children }: { children: ReactNode }) {
  const [catalogue, setCatalogue] = useState<Team[] | null>(null);
  const [seen, setSeen] = useState<string[]>([]);

  useEffect(() => {
    let active = true;
    api
      .teams()
      .then((teams) => active && setCatalogue(teams))
      .catch(() => {
        // The catalogue is a convenience: without it the names seen on tickets are used.
      });
    return () => {
      active = false;
    };
  }, []);

  const learn = useCallback(
    (names: Iterable<string>) =>
      setSeen((current) => {
        const added = [...new Set(names)].filter((name) => name && name !== 'Manual Review' && !current.includes(name));
        return added.length ? [...current, ...added] : current;
      }),
    [],
  );

  const value = useMemo(() => {
    const names = [...new Set([...(catalogue ?? []).map((team) => team.name), ...seen])].sort((a, b) =>
      a.localeCompare(b),
    );
    return { names, catalogue, learn };
  }, [catalogue, seen, learn]);
  return <TeamsContext.Provider value={value}>{children}</TeamsContext.Provider>;
}

export function useTeams(): Teams {
  const teams = useContext(TeamsContext);
  if (!teams) throw new Error('useTeams needs a TeamsProvider above it');
  return teams;
}
