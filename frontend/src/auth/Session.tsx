import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useId,
  useState,
  type FormEvent,
  type ReactNode,
} from 'react';
import { api, ApiError, UNAUTHORIZED_EVENT } from '../api/client';
import type { Caller } from '../api/types';

const CallerContext = createContext<Caller | null>(null);

/** The logged-in caller. Only rendered inside {@link SessionGate}, so there always is one. */
export function useCaller(): Caller {
  const caller = useContext(CallerContext);
  if (!caller) throw new Error('useCaller outside SessionGate');
  return caller;
}

export function isAgent(caller: Caller): boolean {
  return caller.role === 'agent' || caller.role === 'admin';
}

type State = { status: 'checking' } | { status: 'in'; caller: Caller } | { status: 'out'; error?: string };

async function sessionState(): Promise<State> {
  try {
    return { status: 'in', caller: await api.me() };
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return { status: 'out' };
    return { status: 'out', error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Shows the dashboard to a logged-in caller and the login page to anyone else. A 401 from any request (the
 * session expired or was ended elsewhere) brings the login page back.
 */
export function SessionGate({ children }: { children: ReactNode }) {
  const [state, setState] = useState<State>({ status: 'checking' });

  const check = useCallback(
    () =>
      void sessionState().then((next) => {
        setState(next);
        if (next.status === 'in' && window.location.pathname === '/login') window.history.replaceState(null, '', '/');
      }),
    [],
  );

  useEffect(() => {
    check();
    const signedOut = () => setState({ status: 'out' });
    window.addEventListener(UNAUTHORIZED_EVENT, signedOut);
    return () => window.removeEventListener(UNAUTHORIZED_EVENT, signedOut);
  }, [check]);

  if (state.status === 'checking') return null;
  if (state.status === 'out') return <LoginPage problem={state.error} onLoggedIn={check} />;
  return <CallerContext.Provider value={state.caller}>{children}</CallerContext.Provider>;
}

/** The reason a login link did not work, from the address the server sent the browser to. */
export function linkProblem(search: string): string | undefined {
  return new URLSearchParams(search).get('error') === 'link'
    ? 'That login link has already been used or has expired. Ask an admin for a new one, or paste an API token.'
    : undefined;
}

function LoginPage({ problem, onLoggedIn }: { problem?: string; onLoggedIn: () => void }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | undefined>(problem ?? linkProblem(window.location.search));
  const [busy, setBusy] = useState(false);
  const id = useId();

  useEffect(() => {
    document.title = 'Log in · Ticket Triage';
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await api.login(token.trim());
      setToken('');
      onLoggedIn();
    } catch (e) {
      setError(e instanceof Error ? e.message : 'The token was not accepted.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="main" className="login">
      <section className="panel" aria-labelledby={`${id}-heading`}>
        <h1 id={`${id}-heading`}>Log in to Ticket Triage</h1>
        <p>
          Open the one-time login link the service printed in its log at first start, or paste an API token (create one
          with <code>./ticket-triage token create --role agent</code>).
        </p>
        <form onSubmit={(event) => void submit(event)} noValidate>
          <div className="field">
            <label htmlFor={`${id}-token`}>API token</label>
            <input
              id={`${id}-token`}
              type="password"
              autoComplete="off"
              value={token}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${id}-error` : undefined}
              onChange={(event) => setToken(event.target.value)}
            />
          </div>
          {error && (
            <p id={`${id}-error`} className="field-error" role="alert" data-testid="login-error">
              {error}
            </p>
          )}
          <button type="submit" className="button primary" disabled={busy || token.trim() === ''}>
            {busy ? 'Logging in…' : 'Log in'}
          </button>
        </form>
      </section>
    </main>
  );
}

/** Name, role and the logout button, for the header. */
export function CallerBadge() {
  const caller = useCaller();
  if (caller.auth === 'none') {
    return (
      <span className="caller" data-testid="caller">
        Demo mode: no login
      </span>
    );
  }
  const logout = async () => {
    try {
      await api.logout();
    } finally {
      window.location.assign('/');
    }
  };
  return (
    <span className="caller" data-testid="caller">
      {caller.name} ({caller.role})
      <button type="button" className="button" onClick={() => void logout()}>
        Log out
      </button>
    </span>
  );
}
