// Keyset pagination for "load more" lists: pages appended in order, the next cursor kept, never a count.
import { useCallback, useEffect, useRef, useState } from 'react';
import { isAbort } from './errors';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface PagedList<T> {
  items: T[];
  loading: boolean;
  error: unknown;
  hasMore: boolean;
  loadMore(): void;
  reload(): void;
  /** Puts items in front that are not listed yet (by `id`), for live views polling the first page. */
  prepend(items: readonly T[]): void;
}

function idOf(item: unknown): unknown {
  return typeof item === 'object' && item !== null && 'id' in item ? (item as { id: unknown }).id : item;
}

/** `key` identifies the query (filters); a new key starts again from the first page. */
export function usePagedList<T>(
  key: string,
  load: (cursor: string | undefined, signal: AbortSignal) => Promise<Page<T>>,
): PagedList<T> {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(undefined);
  const [generation, setGeneration] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const controller = useRef<AbortController | null>(null);

  const fetchPage = useCallback((after: string | undefined, append: boolean) => {
    controller.current?.abort();
    const c = new AbortController();
    controller.current = c;
    setLoading(true);
    setError(undefined);
    loadRef.current(after, c.signal).then(
      (page) => {
        if (c.signal.aborted) return;
        setItems((prev) => (append ? [...prev, ...page.items] : page.items));
        setCursor(page.nextCursor);
        setLoading(false);
      },
      (err: unknown) => {
        if (isAbort(err) || c.signal.aborted) return;
        setError(err);
        setLoading(false);
      },
    );
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: key and generation are the triggers by design
  useEffect(() => {
    setItems([]);
    setCursor(null);
    fetchPage(undefined, false);
    return () => controller.current?.abort();
  }, [key, generation, fetchPage]);

  const loadMore = useCallback(() => {
    if (cursor && !loading) fetchPage(cursor, true);
  }, [cursor, loading, fetchPage]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const prepend = useCallback((fresh: readonly T[]) => {
    setItems((prev) => {
      const seen = new Set(prev.map(idOf));
      const added = fresh.filter((item) => !seen.has(idOf(item)));
      return added.length === 0 ? prev : [...added, ...prev];
    });
  }, []);

  return { items, loading, error, hasMore: cursor !== null, loadMore, reload, prepend };
}
