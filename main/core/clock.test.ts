// The manual clock's timers: they fire in order, at their own time, as the clock is moved past them.
import { describe, expect, it } from 'vitest';
import { ManualClock } from './clock';

describe('ManualClock timers', () => {
  it('fire in due order as advance() passes them, each seeing its own due time', () => {
    const clock = new ManualClock(1000);
    const seen: string[] = [];
    clock.setTimeout(() => seen.push(`b@${clock.now()}`), 200);
    clock.setTimeout(() => seen.push(`a@${clock.now()}`), 100);
    clock.setTimeout(() => seen.push(`c@${clock.now()}`), 500);
    clock.advance(250);
    expect(seen).toEqual(['a@1100', 'b@1200']);
    expect(clock.now()).toBe(1250);
    expect(clock.pendingTimers()).toBe(1);
    clock.set(2000);
    expect(seen).toEqual(['a@1100', 'b@1200', 'c@1500']);
    expect(clock.now()).toBe(2000);
  });

  it('a cleared timer never fires; one set by a firing timer fires within the same advance', () => {
    const clock = new ManualClock(0);
    const seen: number[] = [];
    const cleared = clock.setTimeout(() => seen.push(-1), 10);
    clock.clearTimeout(cleared);
    clock.setTimeout(() => clock.setTimeout(() => seen.push(clock.now()), 30), 20);
    clock.advance(100);
    expect(seen).toEqual([50]);
    expect(clock.pendingTimers()).toBe(0);
  });
});
