// The conditions notifications watch, checked on the hub's clock (never per request): a format left without a
// provider, spend crossing a share of a limit (once per crossing), a key about to expire (once per expiry).
import { WIRE_FORMAT_NAMES, type WireFormat } from '../../../shared/wire-formats';
import type { JsonLimits } from '../db/schema';
import { SPEND_WINDOWS, type SpendWindow, type SpendWindows } from '../limits/spend-windows';
import { type KeyEntry, type ProviderRuntime, servesFormat } from '../model/entities';
import type { BreakerBoard } from '../routing/breaker';
import { type SubjectKind, subjectOf } from '../subjects';

export type Emit = (event: 'provider.none' | 'spend.threshold' | 'key.expiring', data: Record<string, unknown>) => void;

/** Values kept across restarts (the settings table's internal rows). */
export interface MemoryStore {
  read(key: string): unknown;
  write(key: string, value: unknown): void;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** Fires provider.none when a format that has providers loses its last available one; re-arms when one returns. */
export class FormatCoverage {
  private readonly uncovered = new Set<WireFormat>();

  check(providers: readonly ProviderRuntime[], breakers: BreakerBoard, now: number, emit: Emit): void {
    for (const format of WIRE_FORMAT_NAMES) {
      const candidates = providers.filter((p) => servesFormat(p, format));
      if (candidates.length === 0) {
        this.uncovered.delete(format); // nothing configured: nothing was lost
        continue;
      }
      const available = candidates.some((p) => p.enabled && breakers.allow(p, now));
      if (available) this.uncovered.delete(format);
      else if (!this.uncovered.has(format)) {
        this.uncovered.add(format);
        emit('provider.none', {
          format,
          providers: candidates.map((p) => ({ id: p.id, name: p.name, enabled: p.enabled })),
        });
      }
    }
  }
}

interface Subject {
  kind: SubjectKind;
  id: string;
  name: string;
  limits: JsonLimits;
}

/** The users, keys and providers that have a spend limit. */
export function limitedSubjects(keys: Iterable<KeyEntry>, providers: readonly ProviderRuntime[]): Subject[] {
  const out: Subject[] = [];
  const users = new Set<string>();
  for (const k of keys) {
    out.push({ kind: 'key', id: k.keyId, name: k.keyName, limits: k.keyLimits });
    if (!users.has(k.userId)) {
      users.add(k.userId);
      out.push({ kind: 'user', id: k.userId, name: k.userName, limits: k.userLimits });
    }
  }
  for (const p of providers) out.push({ kind: 'provider', id: p.id, name: p.name, limits: p.limits });
  return out;
}

const SPEND_FIRED = 'notify.spendFired';

/** spend.threshold: once when a window's use reaches the threshold share of its limit, again only after it fell below. */
export class SpendWatch {
  private readonly fired: Set<string>;

  constructor(private readonly memory: MemoryStore) {
    const stored = memory.read(SPEND_FIRED);
    this.fired = new Set(Array.isArray(stored) ? (stored as string[]) : []);
  }

  check(subjects: readonly Subject[], spend: SpendWindows, threshold: number, now: number, emit: Emit): void {
    const seen = new Set<string>();
    let changed = false;
    for (const s of subjects) {
      const subject = subjectOf(s.kind, s.id);
      for (const window of SPEND_WINDOWS) {
        const u = spend.measure(subject, window as SpendWindow, s.limits, now);
        if (u.limit === null) continue;
        const mark = `${subject}|${window}`;
        const share = u.used / u.limit;
        if (share >= threshold) {
          seen.add(mark);
          if (this.fired.has(mark)) continue;
          this.fired.add(mark);
          changed = true;
          emit('spend.threshold', {
            scope: s.kind,
            id: s.id,
            name: s.name,
            window,
            usedUsd: u.used,
            limitUsd: u.limit,
            share,
            threshold,
            resetsAt: iso(u.resetsAt),
          });
        }
      }
    }
    for (const mark of this.fired) {
      if (!seen.has(mark)) {
        this.fired.delete(mark);
        changed = true;
      }
    }
    if (changed) this.memory.write(SPEND_FIRED, [...this.fired]);
  }
}

const KEY_EXPIRING = 'notify.keyExpiring';

/** key.expiring: once per key and expiry time, when it falls within the warning period. */
export class KeyExpiryWatch {
  private fired: Record<string, number>;

  constructor(private readonly memory: MemoryStore) {
    const stored = memory.read(KEY_EXPIRING);
    this.fired = stored && typeof stored === 'object' ? { ...(stored as Record<string, number>) } : {};
  }

  check(keys: Iterable<KeyEntry>, warnMs: number, now: number, emit: Emit): void {
    const next: Record<string, number> = {};
    let changed = false;
    for (const k of keys) {
      const at = k.keyExpiresAt;
      if (at === null || at <= now || !k.keyEnabled || !k.userEnabled) continue;
      if (k.retiresAt !== null && k.retiresAt <= at) continue; // rotated away before it would expire
      if (at - now > warnMs) continue;
      next[k.keyId] = at;
      if (this.fired[k.keyId] === at) continue;
      changed = true;
      emit('key.expiring', {
        keyId: k.keyId,
        keyName: k.keyName,
        userId: k.userId,
        userName: k.userName,
        expiresAt: iso(at),
        hoursLeft: Math.round((at - now) / 3_600_000),
      });
    }
    if (changed || Object.keys(next).length !== Object.keys(this.fired).length) {
      this.fired = next;
      this.memory.write(KEY_EXPIRING, next);
    }
  }
}
