import { useEffect, useState } from 'react';
import { ApiError } from '../api/client';

export type PeriodLoad<T> = { value: T } | { failed: string };

/**
 * What `load` answers for the last `days` days, or undefined until the answer for this very period arrives: an answer
 * to an earlier choice of period that comes late is dropped, so a panel never shows the figures of another period.
 * A failure is the server's problem detail, or `failureText` when there is none (the network, for one).
 *
 * `load` must be the same function on every render (an `api` method, say): a new one would load again each render.
 */
export function useLoadPerPeriod<T>(
  days: number,
  load: (days: number) => Promise<T>,
  failureText: string,
): PeriodLoad<T> | undefined {
  const [answer, setAnswer] = useState<{ days: number; load: PeriodLoad<T> }>();

  useEffect(() => {
    let active = true;
    load(days).then(
      (value) => active && setAnswer({ days, load: { value } }),
      (e: unknown) => active && setAnswer({ days, load: { failed: e instanceof ApiError ? e.message : failureText } }),
    );
    return () => {
      active = false;
    };
  }, [days, load, failureText]);

  return answer?.days === days ? answer.load : undefined;
}
