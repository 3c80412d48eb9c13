// A provider's header overrides applied to the upstream request's headers: set, append a comma-separated entry, remove.
import type { JsonOverrides } from '../db/schema';

type HeaderOp = NonNullable<JsonOverrides['headers']>[number];

/** A provider's header overrides with lower-cased names (built once per registry rebuild). */
export interface HeaderOverridePlan {
  ops: readonly { op: HeaderOp['op']; name: string; value: string }[];
  /** For the decision chain: `append anthropic-beta, remove x-stainless-os`. */
  summary: string;
}

export function planHeaderOverrides(ops: readonly HeaderOp[] | undefined): HeaderOverridePlan | null {
  if (!ops || ops.length === 0) return null;
  return {
    ops: ops.map((o) => ({ op: o.op, name: o.name.toLowerCase(), value: o.value ?? '' })),
    summary: ops.map((o) => `${o.op} ${o.name.toLowerCase()}`).join(', '),
  };
}

/** Applies the plan in order to lower-cased outgoing headers. `append` adds an entry a list does not hold yet. */
export function applyHeaderOverrides(headers: Record<string, string>, plan: HeaderOverridePlan): void {
  for (const o of plan.ops) {
    if (o.op === 'remove') {
      delete headers[o.name];
    } else if (o.op === 'set') {
      headers[o.name] = o.value;
    } else {
      const current = headers[o.name];
      if (current === undefined || current.trim() === '') {
        headers[o.name] = o.value;
        continue;
      }
      const entries = current.split(',').map((e) => e.trim());
      const added = o.value
        .split(',')
        .map((e) => e.trim())
        .filter((e) => e !== '' && !entries.includes(e));
      if (added.length > 0) headers[o.name] = [...entries.filter((e) => e !== ''), ...added].join(',');
    }
  }
}
