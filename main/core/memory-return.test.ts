// MemoryReturn: one collection once enough body bytes were released, never two closer than the minimum interval.
import { describe, expect, it } from 'vitest';
import { ManualClock } from './clock';
import { MemoryReturn } from './memory-return';

const tick = (ms = 5) => new Promise((r) => setTimeout(r, ms));

describe('MemoryReturn', () => {
  it('collects once the released bytes reach the threshold, and not before', async () => {
    let runs = 0;
    const clock = new ManualClock();
    const m = new MemoryReturn(
      () => runs++,
      () => clock.now(),
      { thresholdBytes: 100, minIntervalMs: 1000 },
    );
    m.released(60);
    await tick();
    expect(runs).toBe(0);
    m.released(40);
    m.released(500); // already scheduled: still one collection
    await tick();
    expect(runs).toBe(1);
    expect(m.collections()).toBe(1);
    m.stop();
  });

  it('waits out the minimum interval after the last collection', async () => {
    let runs = 0;
    const clock = new ManualClock();
    const m = new MemoryReturn(
      () => runs++,
      () => clock.now(),
      { thresholdBytes: 10, minIntervalMs: 40 },
    );
    m.released(10);
    await tick();
    expect(runs).toBe(1);
    m.released(10); // 40 ms of real wait remain (the clock has not moved)
    await tick();
    expect(runs).toBe(1);
    await tick(60);
    expect(runs).toBe(2);
    clock.advance(1000);
    m.released(10);
    await tick();
    expect(runs).toBe(3);
    m.stop();
  });

  it('does nothing without a collector', async () => {
    const m = new MemoryReturn(undefined, () => 0, { thresholdBytes: 1 });
    m.released(10);
    await tick();
    expect(m.collections()).toBe(0);
  });
});
