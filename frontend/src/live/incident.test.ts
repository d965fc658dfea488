import { describe, expect, it } from 'vitest';
import { incidentOf } from './incident';

describe('incident events', () => {
  it('reads the id, a summary and the ticket ids', () => {
    expect(incidentOf({ id: 7, title: 'VPN outage', ticket_ids: [3, 4, 'x'] })).toEqual({
      id: '7',
      summary: 'VPN outage',
      tickets: [3, 4],
    });
  });

  it('ignores a payload without an id', () => {
    expect(incidentOf({ title: 'no id' })).toBeNull();
  });
});
