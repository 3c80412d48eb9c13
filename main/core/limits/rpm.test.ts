// Tests for the RPM counter: sliding 60 s window, refusal with the right Retry-After, recovery, limit changes.
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock';
import { RpmCounter } from './rpm';

describe('RpmCounter', () => {
  it('refuses the request over the limit until the oldest counted one leaves the window', () => {
    const clock = new ManualClock();
    const t0 = clock.now();
    const rpm = new RpmCounter();
    for (let i = 0; i < 3; i++) {
      expect(rpm.check('u', 3, clock.now())).toMatchObject({ ok: true, remaining: 3 - i });
      rpm.hit('u', clock.now());
      clock.advance(10_000);
    }
    // t0+30s: 3 requests at t0, t0+10s, t0+20s
    expect(rpm.check('u', 3, clock.now())).toEqual({
      ok: false,
      count: 3,
      remaining: 0,
      retryAfterMs: 30_000,
      resetAt: t0 + 60_000,
    });
    clock.set(t0 + 59_999);
    expect(rpm.check('u', 3, clock.now())).toMatchObject({ ok: false, retryAfterMs: 1 });
    clock.set(t0 + 60_000);
    expect(rpm.check('u', 3, clock.now())).toMatchObject({ ok: true, count: 2, remaining: 1, resetAt: t0 + 70_000 });
  });

  it('refused requests are not counted, so waiting recovers', () => {
    const rpm = new RpmCounter();
    const t0 = 1_000_000;
    rpm.check('u', 1, t0);
    rpm.hit('u', t0);
    for (let t = t0 + 1000; t < t0 + 60_000; t += 1000) expect(rpm.check('u', 1, t).ok).toBe(false);
    expect(rpm.check('u', 1, t0 + 60_000).ok).toBe(true);
  });

  it('with a lower limit, Retry-After waits for the request that fills it', () => {
    const rpm = new RpmCounter();
    const t0 = 1_000_000;
    for (let i = 0; i < 5; i++) {
      rpm.check('u', 10, t0 + i * 1000);
      rpm.hit('u', t0 + i * 1000);
    }
    // limit lowered to 2: the 2nd newest (t0+3s) must leave
    expect(rpm.check('u', 2, t0 + 5000)).toMatchObject({ ok: false, count: 5, retryAfterMs: 58_000 });
  });

  it('grows past its first capacity and counts users separately; null or 0 = unlimited', () => {
    const rpm = new RpmCounter();
    const t0 = 1_000_000;
    for (let i = 0; i < 100; i++) {
      expect(rpm.check('a', 100, t0 + i).ok).toBe(true);
      rpm.hit('a', t0 + i);
    }
    expect(rpm.check('a', 100, t0 + 100)).toMatchObject({ ok: false, retryAfterMs: 59_900 });
    expect(rpm.check('b', 100, t0 + 100)).toMatchObject({ ok: true, count: 0 });
    expect(rpm.check('a', null, t0 + 100).ok).toBe(true);
    expect(rpm.check('a', 0, t0 + 100).ok).toBe(true);
    expect(rpm.count('a', t0 + 100)).toBe(100);
    expect(rpm.count('a', t0 + 60_050)).toBe(49);
  });

  it('sweep forgets idle users', () => {
    const rpm = new RpmCounter();
    rpm.hit('u', 0);
    rpm.sweep(60_000);
    expect(rpm.count('u', 60_000)).toBe(0);
  });
});
