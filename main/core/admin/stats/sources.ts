// What every statistics route reads through: rollups by local day (cached once settled) and recent request durations.

import type { Store } from '../../store/repositories';
import { RecentDurations } from './durations';
import { UsageDays } from './usage-days';

export interface StatsSources {
  /** Statistics run on the synchronous engine for now (see docs/architecture.md, Storage). */
  store: Pick<Store<'sync'>, 'usage' | 'users' | 'keys' | 'providers'>;
  days: UsageDays;
  durations: RecentDurations;
}

export function createStatsSources(store: StatsSources['store']): StatsSources {
  return { store, days: new UsageDays(store.usage), durations: new RecentDurations(store.usage) };
}
