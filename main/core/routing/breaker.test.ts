// Tests for BreakerBoard: closed → open → half-open → closed, re-open on a half-open failure, network errors, off.
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock';
import type { ProviderRuntime } from '../model/entities';
import { BreakerBoard, type BreakerChange, type BreakerProvider, breakerFilter } from './breaker';

const OPEN_MS = 30 * 60_000;
function provider(over: Partial<BreakerProvider['breaker']> = {}, id = 'p1'): BreakerProvider {
  return {
    id,
    breaker: { failureThreshold: 3, openMs: OPEN_MS, halfOpenSuccesses: 2, countNetworkErrors: false, ...over },
  };
}
const http = { network: false };

describe('BreakerBoard', () => {
  it('closed → open after N consecutive failures → skipped → half-open → closed after M successes', () => {
    const clock = new ManualClock();
    const board = new BreakerBoard();
    const changes: BreakerChange[] = [];
    board.onChange((c) => changes.push(c));
    const p = provider();
    const t0 = clock.now();

    board.recordFailure(p, http, clock.now());
    board.recordFailure(p, http, clock.now());
    expect(board.state(p, clock.now())).toMatchObject({ state: 'closed', failures: 2 });
    board.recordFailure(p, http, clock.now());
    expect(board.state(p, clock.now())).toMatchObject({
      state: 'open',
      failures: 3,
      openedAt: t0,
      retryAt: t0 + OPEN_MS,
    });
    expect(board.allow(p, clock.now())).toBe(false);

    const filter = breakerFilter(board, clock);
    expect(filter(p as ProviderRuntime, { format: 'anthropic', model: 'm', exclude: new Set() })).toBe(
      `circuit open until ${new Date(t0 + OPEN_MS).toISOString()}`,
    );

    clock.advance(OPEN_MS - 1);
    expect(board.allow(p, clock.now())).toBe(false);
    clock.advance(1);
    expect(board.allow(p, clock.now())).toBe(true);
    expect(board.state(p, clock.now()).state).toBe('half-open');
    expect(filter(p as ProviderRuntime, { format: 'anthropic', model: 'm', exclude: new Set() })).toBeNull();

    board.recordSuccess(p, clock.now());
    expect(board.state(p, clock.now())).toMatchObject({ state: 'half-open', halfOpenSuccesses: 1 });
    board.recordSuccess(p, clock.now());
    expect(board.state(p, clock.now())).toMatchObject({ state: 'closed', failures: 0 });

    expect(changes.map((c) => `${c.from}>${c.to}`)).toEqual(['closed>open', 'open>half-open', 'half-open>closed']);
    expect(changes[0]).toMatchObject({ providerId: 'p1', at: t0, reason: '3 consecutive failures', failures: 3 });
    expect(board.state(p, clock.now()).history).toHaveLength(3);
  });

  it('a failure while half-open re-opens for another open duration', () => {
    const clock = new ManualClock();
    const board = new BreakerBoard();
    const p = provider({ failureThreshold: 1 });
    board.recordFailure(p, http, clock.now());
    clock.advance(OPEN_MS);
    expect(board.allow(p, clock.now())).toBe(true);
    board.recordSuccess(p, clock.now());
    board.recordFailure(p, http, clock.now());
    expect(board.state(p, clock.now())).toMatchObject({
      state: 'open',
      openedAt: clock.now(),
      retryAt: clock.now() + OPEN_MS,
    });
    expect(board.allow(p, clock.now())).toBe(false);
  });

  it('a success in the closed state resets the consecutive count', () => {
    const clock = new ManualClock();
    const board = new BreakerBoard();
    const p = provider();
    board.recordFailure(p, http, clock.now());
    board.recordFailure(p, http, clock.now());
    board.recordSuccess(p, clock.now());
    board.recordFailure(p, http, clock.now());
    board.recordFailure(p, http, clock.now());
    expect(board.state(p, clock.now())).toMatchObject({ state: 'closed', failures: 2 });
  });

  it('network errors count only when countNetworkErrors is on', () => {
    const clock = new ManualClock();
    const board = new BreakerBoard();
    const off = provider({ failureThreshold: 1 }, 'a');
    const on = provider({ failureThreshold: 1, countNetworkErrors: true }, 'b');
    board.recordFailure(off, { network: true }, clock.now());
    board.recordFailure(on, { network: true }, clock.now());
    expect(board.state(off, clock.now())).toMatchObject({ state: 'closed', failures: 0 });
    expect(board.state(on, clock.now()).state).toBe('open');
  });

  it('threshold 0 never opens; turning the breaker off closes an open circuit', () => {
    const clock = new ManualClock();
    const board = new BreakerBoard();
    const off = provider({ failureThreshold: 0 });
    for (let i = 0; i < 100; i++) board.recordFailure(off, http, clock.now());
    expect(board.allow(off, clock.now())).toBe(true);
    expect(board.state(off, clock.now())).toMatchObject({ state: 'closed', failures: 0 });

    const p = provider({ failureThreshold: 1 }, 'p2');
    board.recordFailure(p, http, clock.now());
    expect(board.allow(p, clock.now())).toBe(false);
    expect(board.allow(provider({ failureThreshold: 0 }, 'p2'), clock.now())).toBe(true);
    expect(board.state(p, clock.now()).state).toBe('closed');
  });

  it('admin reset closes it at once; history keeps the last 50 transitions', () => {
    const clock = new ManualClock();
    const board = new BreakerBoard();
    const p = provider({ failureThreshold: 1 });
    for (let i = 0; i < 30; i++) {
      board.recordFailure(p, http, clock.now());
      board.reset('p1', clock.now());
    }
    const view = board.state(p, clock.now());
    expect(view).toMatchObject({ state: 'closed', failures: 0 });
    expect(view.history).toHaveLength(50);
    expect(view.history.at(-1)).toMatchObject({ from: 'open', to: 'closed', reason: 'reset by an admin' });
  });

  it('a failing listener does not break routing; unsubscribe works', () => {
    const board = new BreakerBoard();
    const seen: string[] = [];
    const off = board.onChange(() => seen.push('x'));
    board.onChange(() => {
      throw new Error('boom');
    });
    board.recordFailure(provider({ failureThreshold: 1 }), http, 0);
    off();
    board.reset('p1', 1);
    expect(seen).toEqual(['x']);
  });
});
