// Prices page state in the URL: search text, page size (20/50/100/200) and the keyset cursor of the page shown.

export const PAGE_SIZES = [20, 50, 100, 200] as const;
export type PageSize = (typeof PAGE_SIZES)[number];
export const DEFAULT_SIZE: PageSize = 50;

export interface PriceView {
  search: string;
  size: PageSize;
  cursor: string | null;
}

export function viewFromParams(params: URLSearchParams): PriceView {
  const size = Number(params.get('size'));
  return {
    search: params.get('search')?.trim() ?? '',
    size: (PAGE_SIZES as readonly number[]).includes(size) ? (size as PageSize) : DEFAULT_SIZE,
    cursor: params.get('cursor') || null,
  };
}

export function paramsFromView(view: PriceView): URLSearchParams {
  const params = new URLSearchParams();
  if (view.search) params.set('search', view.search);
  if (view.size !== DEFAULT_SIZE) params.set('size', String(view.size));
  if (view.cursor) params.set('cursor', view.cursor);
  return params;
}

/** Cursors of the pages before this one, kept in the history entry so Back/Previous work after a reload. */
export function cursorStack(state: unknown): (string | null)[] {
  if (typeof state !== 'object' || state === null || !('cursors' in state)) return [];
  const cursors = (state as { cursors: unknown }).cursors;
  return Array.isArray(cursors) ? cursors.filter((c): c is string | null => c === null || typeof c === 'string') : [];
}
