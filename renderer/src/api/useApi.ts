// A small data-loading hook: loading/error/data for one API read, optional polling (paused while the tab is hidden).
import { useCallback, useEffect, useRef, useState } from 'react';
import { isAbort } from './errors';

export interface ApiState<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  /** Fetch again now (keeps showing the current data meanwhile). */
  reload(): void;
}

export const MIN_POLL_MS = 2000;

/**
 * Runs `load` when `key` changes, and every `pollMs` (at least 2 s) after each answer while the page is visible.
 * `key` identifies the query: a new key drops the previous answer.
 */
export function useApi<T>(key: string, load: (signal: AbortSignal) => Promise<T>, pollMs?: number): ApiState<T> {
  const [state, setState] = useState<{ key: string; data: T | undefined; error: unknown; loading: boolean }>({
    key,
    data: undefined,
    error: undefined,
    loading: true,
  });
  const loadRef = useRef(load);
  loadRef.current = load;
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: generation is the reload trigger by design
  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const run = () => {
      setState((s) =>
        s.key === key ? { ...s, loading: true } : { key, data: undefined, error: undefined, loading: true },
      );
      loadRef.current(controller.signal).then(
        (data) => {
          if (stopped) return;
          setState({ key, data, error: undefined, loading: false });
          schedule();
        },
        (error: unknown) => {
          if (stopped || isAbort(error)) return;
          setState((s) => ({ key, data: s.key === key ? s.data : undefined, error, loading: false }));
          schedule();
        },
      );
    };
    const schedule = () => {
      if (pollMs === undefined) return;
      timer = setTimeout(
        () => {
          if (document.visibilityState === 'hidden') schedule();
          else run();
        },
        Math.max(MIN_POLL_MS, pollMs),
      );
    };
    run();
    return () => {
      stopped = true;
      controller.abort();
      if (timer) clearTimeout(timer);
    };
  }, [key, pollMs, generation]);

  const current = state.key === key ? state : { data: undefined, error: undefined, loading: true };
  return { data: current.data, error: current.error, loading: current.loading, reload };
}
