import { startTransition, useCallback, useEffect, useRef, useState } from 'react';

export interface AsyncState<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => Promise<void>;
  /** Replaces the data with a fresher copy (e.g. what a PATCH answered). */
  setData: (data: T) => void;
}

/** Runs `fn` when `deps` change; the latest call wins. `reload` keeps the old data while it runs. */
export function useAsync<T>(fn: () => Promise<T>, deps: readonly unknown[]): AsyncState<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [loading, setLoading] = useState(true);
  const seq = useRef(0);
  const fnRef = useRef(fn);
  fnRef.current = fn;

  const run = useCallback(async () => {
    const id = ++seq.current;
    setLoading(true);
    setError(undefined);
    try {
      const result = await fnRef.current();
      // Showing what arrived is a transition: the render yields to the
      // browser every few milliseconds instead of blocking a phone's main thread.
      if (id === seq.current)
        startTransition(() => {
          setData(result);
          setLoading(false);
        });
    } catch (err) {
      if (id === seq.current) {
        setError(err);
        setLoading(false);
      }
    }
  }, []);

  useEffect(() => {
    // New inputs: drop the old result so it is never shown under the new ones.
    setData(undefined);
    void run();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);

  return { data, error, loading, reload: run, setData };
}
