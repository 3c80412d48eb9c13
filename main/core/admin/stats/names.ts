// Display names for statistics rows: users, keys and providers by id (deleted ones fall back to the id).
import type { Dimension, Store } from '../../store/repositories';

/** A lookup from id to name for one dimension; models are their own names. */
export function namesFor(
  store: Pick<Store<'sync'>, 'users' | 'keys' | 'providers'>,
  dim: Dimension,
): (id: string) => string {
  if (dim === 'model') return (id) => id;
  const names = (dim === 'user' ? store.users : dim === 'key' ? store.keys : store.providers).names();
  return (id) => names.get(id) ?? id;
}
