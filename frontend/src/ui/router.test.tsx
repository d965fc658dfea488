// @vitest-environment happy-dom
import { cleanup, render } from '@testing-library/react';
import { useLayoutEffect } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { navigate, routeOf, useRoute, type Route } from './router';

afterEach(cleanup);

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

  it('follows a link clicked before the page started listening for navigation', () => {
    window.history.replaceState(null, '', '/');
    const seen: Route[] = [];
    function Page() {
      seen.push(useRoute());
      return null;
    }
    // runs after the page is on screen and before its effects: the moment a fast click lands in
    function FastClick() {
      useLayoutEffect(() => navigate('/team-settings'), []);
      return null;
    }

    render(
      <>
        <Page />
        <FastClick />
      </>,
    );

    expect(seen[0]).toEqual({ page: 'board' });
    expect(seen.at(-1)).toEqual({ page: 'teams' });
  });
});
