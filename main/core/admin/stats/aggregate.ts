// Folding day segments into totals or per-dimension sums, optionally for one user only.
import { addSums, type Combo, type Dimension, emptySums, idOf, type UsageSums } from '../../store/usage-stats';
import type { DaySegment } from './usage-days';

const mine = (c: Combo, userId: string | undefined) => userId === undefined || c.userId === userId;

export function totalOf(combos: Iterable<Combo>, userId?: string): UsageSums {
  const out = emptySums();
  for (const c of combos) if (mine(c, userId)) addSums(out, c);
  return out;
}

export function totalOfSegments(segments: readonly DaySegment[], userId?: string): UsageSums {
  const out = emptySums();
  for (const s of segments) addSums(out, totalOf(s.combos, userId));
  return out;
}

/** Sums per id along `dim`; combos without that id (e.g. never routed to a provider) are left out. */
export function byDimension(segments: readonly DaySegment[], dim: Dimension, userId?: string): Map<string, UsageSums> {
  const out = new Map<string, UsageSums>();
  for (const s of segments) {
    for (const c of s.combos) {
      if (!mine(c, userId)) continue;
      const id = idOf(c, dim);
      if (id === '') continue;
      let sums = out.get(id);
      if (!sums) {
        sums = emptySums();
        out.set(id, sums);
      }
      addSums(sums, c);
    }
  }
  return out;
}
