/**
 * Stands in for socket.io-client in component tests (vi.mock('socket.io-client', ...)): the page connects at
 * once, and a test pushes the server's live events with `liveServer.push`.
 */
type Listener = (payload?: unknown) => void;

const listeners = new Map<string, Set<Listener>>();

export const liveServer = {
  push(event: string, payload?: unknown) {
    listeners.get(event)?.forEach((listener) => listener(payload));
  },
};

export function io() {
  const socket = {
    on(event: string, listener: Listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      return socket;
    },
    removeAllListeners() {
      listeners.clear();
      return socket;
    },
    disconnect() {
      return socket;
    },
    io: { on: () => undefined, removeAllListeners: () => undefined },
  };
  queueMicrotask(() => liveServer.push('connect'));
  return socket;
}
