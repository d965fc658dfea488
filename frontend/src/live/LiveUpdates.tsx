import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useEffectEvent,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { io, type Socket } from 'socket.io-client';
import type { Comment, Ticket } from '../api/types';

/** The events the server pushes, with their payloads. */
export interface LiveEvents {
  ticket_created: Ticket;
  ticket_routed: Ticket;
  ticket_updated: Ticket;
  ticket_deleted: { id: number };
  new_comment: Comment;
  incident_detected: Record<string, unknown>;
  /** Not a server event: the connection came back, so anything may have been missed. */
  resync: undefined;
}

export type LiveEvent = keyof LiveEvents;
export type ConnectionState = 'connecting' | 'live' | 'offline';
type Handler<E extends LiveEvent> = (payload: LiveEvents[E]) => void;

interface Live {
  state: ConnectionState;
  subscribe<E extends LiveEvent>(event: E, handler: Handler<E>): () => void;
}

const LiveContext = createContext<Live | null>(null);
const SERVER_EVENTS: LiveEvent[] = [
  'ticket_created',
  'ticket_routed',
  'ticket_updated',
  'ticket_deleted',
  'new_comment',
  'incident_detected',
];

/**
 * One Socket.IO connection to the page's own origin, shared by every screen. Screens subscribe to the
 * events they show; whenever the connection is (re)established they get a `resync` so they can reload what
 * they may have missed: a screen reads its data while the socket connects, and a change made in between (a
 * ticket routed a moment after the page read it as pending) is heard by nobody.
 */
export function LiveUpdatesProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<ConnectionState>('connecting');
  const handlers = useRef(new Map<LiveEvent, Set<(payload: unknown) => void>>());

  useEffect(() => {
    const emit = (event: LiveEvent, payload: unknown) => handlers.current.get(event)?.forEach((h) => h(payload));
    // WebSocket first: one connection from the start, no long-polling requests racing the upgrade; where a
    // proxy refuses WebSockets the client falls back to long-polling.
    const socket: Socket = io({
      path: '/socket.io',
      transports: ['websocket', 'polling'],
      tryAllTransports: true,
      reconnectionDelayMax: 10_000,
    });
    socket.on('connect', () => {
      setState('live');
      emit('resync', undefined);
    });
    socket.on('disconnect', () => setState('offline'));
    socket.io.on('reconnect_attempt', () => setState('connecting'));
    socket.on('connect_error', () => setState('offline'));
    for (const event of SERVER_EVENTS) socket.on(event, (payload: unknown) => emit(event, payload));
    return () => {
      socket.removeAllListeners();
      socket.io.removeAllListeners();
      socket.disconnect();
    };
  }, []);

  const subscribe = useCallback(<E extends LiveEvent>(event: E, handler: Handler<E>) => {
    const set = handlers.current.get(event) ?? new Set();
    handlers.current.set(event, set);
    const h = handler as (payload: unknown) => void;
    set.add(h);
    return () => {
      set.delete(h);
    };
  }, []);
  const live = useMemo<Live>(() => ({ state, subscribe }), [state, subscribe]);
  return <LiveContext.Provider value={live}>{children}</LiveContext.Provider>;
}

function useLive(): Live {
  const live = useContext(LiveContext);
  if (!live) throw new Error('useLiveEvent needs a LiveUpdatesProvider above it');
  return live;
}

export function useConnectionState(): ConnectionState {
  return useLive().state;
}

/** Calls the latest `handler` for every `event`, for as long as the component is mounted. */
export function useLiveEvent<E extends LiveEvent>(event: E, handler: Handler<E>): void {
  const { subscribe } = useLive();
  const onEvent = useEffectEvent(handler);
  useEffect(() => subscribe(event, (payload) => onEvent(payload)), [subscribe, event]);
}
