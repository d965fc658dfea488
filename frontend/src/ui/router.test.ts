import { describe, expect, it } from 'vitest';
import { routeOf } from './router';

describe('routes', () => {
  it('maps the dashboard addresses, which never share a path with the API', () => {
    expect(routeOf('/')).toEqual({ page: 'board' });
    expect(routeOf('/ticket/42')).toEqual({ page: 'ticket', id: 42 });
    expect(routeOf('/analytics')).toEqual({ page: 'insights' });
    expect(routeOf('/team-settings')).toEqual({ page: 'teams' });
    expect(routeOf('/tickets/42')).toEqual({ page: 'missing' });
    expect(routeOf('/teams')).toEqual({ page: 'missing' });
    expect(routeOf('/ticket/abc')).toEqual({ page: 'missing' });
  });
});
