import { afterEach, describe, expect, it } from 'vitest';
import { LoopDelay } from './loop-delay';

const value = (lines: string[], quantile: string) =>
  Number(lines.find((l) => l.startsWith(`nodejs_eventloop_lag_seconds{quantile="${quantile}"}`))?.split(' ')[1]);

/** Lets the sampling timer run a few times. */
const turns = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('LoopDelay', () => {
  let delay: LoopDelay | undefined;
  afterEach(() => delay?.stop());

  it('reports a synchronous stall as the maximum, then starts again from nothing at the next scrape', async () => {
    delay = new LoopDelay();
    await turns(30);
    const until = performance.now() + 100;
    while (performance.now() < until) {
      // holds the event loop, as a long fold or checkpoint would
    }
    await turns(30);
    const first = delay.render();
    expect(value(first, '1')).toBeGreaterThanOrEqual(0.08);
    expect(value(first, '0.5')).toBeLessThan(value(first, '1'));

    const second = delay.render();
    expect(value(second, '1')).toBeLessThan(0.08);
    // An idle loop's delay is near zero: the sampling timer's own period is not counted as delay.
    await turns(50);
    expect(value(delay.render(), '0.5')).toBeLessThan(0.005);
  });
});
