// The unread notification count, shared by the header's bell and the
// notifications page: whoever learns a fresher count publishes it.
import { useSyncExternalStore } from 'react';

let unread = 0;
const listeners = new Set<() => void>();

export function setUnread(n: number): void {
  if (n === unread) return;
  unread = n;
  for (const l of [...listeners]) l();
}

export function useUnread(): number {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => unread,
  );
}

/** Tests start at zero. */
export function resetUnread(): void {
  setUnread(0);
}
