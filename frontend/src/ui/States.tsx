import type { ReactNode } from 'react';
import { Link } from './router';

export function ErrorState({ message, onRetry }: { message: string; onRetry?: () => void }) {
  return (
    <div className="state error" role="alert">
      <h2>Something went wrong</h2>
      <p>{message}</p>
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p className="loading" role="status">
      Loading {what}…
    </p>
  );
}

/** What a requester sees on a page of figures or settings that the API shows to agents only (it answers them 403). */
export function OnlyForAgents({ children }: { children: ReactNode }) {
  return (
    <div className="state" role="alert">
      <h2>Only for agents</h2>
      <p>
        {children} Your tickets and their due times are on the <Link href="/">board</Link>.
      </p>
    </div>
  );
}
