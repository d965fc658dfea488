import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

/**
 * A few routes need no router library: the path is the state, links push it, Back pops it. The server
 * answers every dashboard path with index.html, so a reload lands on the same screen.
 */
export type Route =
  | { page: 'board' }
  | { page: 'ticket'; id: number }
  | { page: 'insights' }
  | { page: 'webhooks' }
  | { page: 'agents' }
  | { page: 'teams' }
  | { page: 'missing' };

export function routeOf(path: string): Route {
  if (path === '/' || path === '') return { page: 'board' };
  if (path === '/analytics' || path === '/analytics/') return { page: 'insights' };
  if (path === '/admin/webhooks' || path === '/admin/webhooks/') return { page: 'webhooks' };
  if (path === '/admin/agents' || path === '/admin/agents/') return { page: 'agents' };
  // not /teams, which is the API's list of teams
  if (path === '/team-settings' || path === '/team-settings/') return { page: 'teams' };
  const ticket = /^\/ticket\/(\d+)\/?$/.exec(path);
  if (ticket) return { page: 'ticket', id: Number(ticket[1]) };
  return { page: 'missing' };
}

const CHANGED = 'dashboard:navigate';

export function navigate(to: string): void {
  if (to === window.location.pathname + window.location.search) return;
  window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(CHANGED));
}

function subscribe(onChange: () => void): () => void {
  const update = () => {
    window.scrollTo(0, 0);
    onChange();
  };
  window.addEventListener('popstate', update);
  window.addEventListener(CHANGED, update);
  return () => {
    window.removeEventListener('popstate', update);
    window.removeEventListener(CHANGED, update);
  };
}

/**
 * The current route. The address is read as an external store: React reads it again once it listens, so a link
 * clicked between the first render and the subscription (its event found no listener) still changes the page.
 */
export function useRoute(): Route {
  return routeOf(useSyncExternalStore(subscribe, () => window.location.pathname));
}

/** An ordinary link (middle-click and Ctrl-click still open a new tab) that navigates in place. */
export function Link({ href, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const handle = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    ) {
      return;
    }
    event.preventDefault();
    navigate(href);
  };
  return <a href={href} onClick={handle} {...rest} />;
}
