// Tests for quotaItems: the Quota shape for users, keys and providers.
import { describe, expect, it } from 'vitest';
import { SessionTable } from '../sessions/session-table';
import { userSubject } from '../subjects';
import type { LimitState } from './guard';
import { quotaItems } from './quota';
import { RpmCounter } from './rpm';
import { SpendReservations } from './spend-reservations';
import { SpendWindows } from './spend-windows';

describe('quotaItems', () => {
  it('lists rpm, the spend windows (with what requests in flight reserve) and concurrent sessions of a user', () => {
    const now = Date.UTC(2026, 0, 7, 12);
    const state: LimitState = {
      rpm: new RpmCounter(),
      sessions: new SessionTable(),
      spend: new SpendWindows('UTC'),
      reservations: new SpendReservations(),
    };
    state.reservations.take('k1', 'u1', 0.25e9);
    state.rpm.hit('u1', now - 10_000);
    state.sessions.begin('s', { userId: 'u1', keyId: 'k1' }, now);
    state.spend.charge([userSubject('u1')], 2, now - 60_000);
    const items = quotaItems(state, 'user', 'u1', { dailyUsd: 10, concurrentSessions: 3 }, now, 60);
    expect(items).toEqual([
      { window: 'rpm', used: 1, limit: 60, resetsAt: now + 50_000 },
      { window: 'fiveHour', used: 2, reserved: 0.25, limit: null, resetsAt: now - 60_000 + 5 * 3600_000 },
      { window: 'daily', used: 2, reserved: 0.25, limit: 10, resetsAt: Date.UTC(2026, 0, 8) },
      { window: 'weekly', used: 2, reserved: 0.25, limit: null, resetsAt: Date.UTC(2026, 0, 12) },
      { window: 'monthly', used: 2, reserved: 0.25, limit: null, resetsAt: Date.UTC(2026, 1, 1) },
      { window: 'total', used: 2, reserved: 0.25, limit: null, resetsAt: null },
      { window: 'concurrentSessions', used: 1, limit: 3, resetsAt: null },
    ]);
    expect(quotaItems(state, 'key', 'k1', {}, now).map((i) => i.window)).toEqual([
      'fiveHour',
      'daily',
      'weekly',
      'monthly',
      'total',
      'concurrentSessions',
    ]);
  });
});
