// @vitest-environment happy-dom
import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { useLoadPerPeriod } from './useLoadPerPeriod';

/** A load whose answers the test gives, period by period, in the order it chooses. */
function pendingLoads() {
  const answers = new Map<number, { resolve: (value: string) => void; reject: (error: unknown) => void }>();
  const load = (days: number) =>
    new Promise<string>((resolve, reject) => {
      answers.set(days, { resolve, reject });
    });
  return { load, answer: (days: number) => answers.get(days)! };
}

afterEach(cleanup);

describe('loading figures per period', () => {
  it('drops an answer for an earlier period that arrives after the period changed', async () => {
    const { load, answer } = pendingLoads();
    const { result, rerender } = renderHook(({ days }) => useLoadPerPeriod(days, load, 'No figures.'), {
      initialProps: { days: 30 },
    });
    expect(result.current).toBeUndefined();

    rerender({ days: 7 });
    await act(async () => answer(7).resolve('seven days'));
    expect(result.current).toEqual({ value: 'seven days' });

    await act(async () => answer(30).resolve('thirty days'));
    expect(result.current).toEqual({ value: 'seven days' });
  });

  it('shows nothing of the previous period while the new one loads', async () => {
    const { load, answer } = pendingLoads();
    const { result, rerender } = renderHook(({ days }) => useLoadPerPeriod(days, load, 'No figures.'), {
      initialProps: { days: 30 },
    });
    await act(async () => answer(30).resolve('thirty days'));
    expect(result.current).toEqual({ value: 'thirty days' });

    rerender({ days: 90 });
    expect(result.current).toBeUndefined();
  });

  it("says the server's reason for a failure, or the given text when there is none", async () => {
    const { load, answer } = pendingLoads();
    const { result, rerender } = renderHook(({ days }) => useLoadPerPeriod(days, load, 'No figures.'), {
      initialProps: { days: 30 },
    });
    await act(async () => answer(30).reject(new ApiError(503, 'The database is not reachable.')));
    expect(result.current).toEqual({ failed: 'The database is not reachable.' });

    rerender({ days: 7 });
    await act(async () => answer(7).reject(new TypeError('Failed to fetch')));
    expect(result.current).toEqual({ failed: 'No figures.' });
  });
});
