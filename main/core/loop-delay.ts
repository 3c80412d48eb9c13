// The event loop's delay for /metrics: a native histogram (perf_hooks) read and restarted at each scrape.
import { type ELDHistogram, monitorEventLoopDelay } from 'node:perf_hooks';

/** The sampling timer's period: a stall shows as that timer firing late by (about) the stall's length. */
const RESOLUTION_MS = 10;
const QUANTILES = [
  ['0.5', 50],
  ['0.9', 90],
  ['0.99', 99],
] as const;

/**
 * Delays since the previous scrape, as Prometheus gauges in seconds (the convention prom-client's
 * `nodejs_eventloop_lag_*` follows): the maximum is the longest synchronous section the relay's loop ran in that time.
 */
export class LoopDelay {
  private readonly histogram: ELDHistogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });

  constructor() {
    this.histogram.enable();
  }

  /** Exposition lines for the delays since the previous call; restarts the histogram. */
  render(): string[] {
    const h = this.histogram;
    // The histogram records the sampling timer's whole interval: its delay is what exceeds the resolution.
    const seconds = (ns: number) =>
      Number.isFinite(ns) && h.count > 0 ? Math.max(0, ns - RESOLUTION_MS * 1e6) / 1e9 : 0;
    const out = [
      '# HELP nodejs_eventloop_lag_seconds Event-loop delay since the previous scrape, by quantile (max: the longest stall).',
      '# TYPE nodejs_eventloop_lag_seconds gauge',
    ];
    for (const [quantile, percentile] of QUANTILES) {
      out.push(`nodejs_eventloop_lag_seconds{quantile="${quantile}"} ${seconds(h.percentile(percentile))}`);
    }
    out.push(`nodejs_eventloop_lag_seconds{quantile="1"} ${seconds(h.max)}`);
    h.reset();
    return out;
  }

  stop(): void {
    this.histogram.disable();
  }
}
