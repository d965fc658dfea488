import { describe, expect, it } from 'vitest';
import { FEW_TICKETS, share } from './connectorsModel';

describe('a shadow share', () => {
  it('is not enough data without tickets to measure it on, whatever the value', () => {
    expect(share(null, 0)).toEqual({ text: 'not enough data', state: 'none' });
    expect(share(0, 0)).toEqual({ text: 'not enough data', state: 'none' });
  });

  it('is marked while it rests on few tickets', () => {
    expect(share(0, 3)).toEqual({ text: '0%', state: 'few' });
    expect(share(0.925, FEW_TICKETS)).toEqual({ text: '93%', state: 'enough' });
  });
});
