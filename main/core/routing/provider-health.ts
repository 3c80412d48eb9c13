// What each provider was observed doing — by real traffic and by its "Test" — over the last hour: state, last error,
// error rate, median first byte. In memory, O(1) per observation; separate from the breaker, which decides routing.

/** One observation: a provider answered (ok) or was given up on / failed its test (not ok). */
export interface HealthObservation {
  ok: boolean;
  /** Why it failed (already free of secrets); ignored when ok. */
  error?: string;
  /** Time to the answer's first byte, when it answered. */
  ttfbMs?: number | null;
}

export interface ProviderHealthView {
  state: 'untested' | 'ok' | 'failing';
  lastCheckedAt: number | null;
  lastError: string | null;
  /** Failed share of the observations in the last hour; null without any. */
  errorRate1h: number | null;
  firstByteP50Ms1h: number | null;
}

const MINUTE = 60_000;
const HOUR_MINUTES = 60;
/** First-byte samples kept per provider: enough for a stable median, memory flat whatever the traffic. */
const TTFB_SAMPLES = 128;
const MAX_ERROR_CHARS = 500;

class ProviderHealth {
  state: 'ok' | 'failing' | undefined;
  lastCheckedAt: number | null = null;
  lastError: string | null = null;
  /** Per minute of the last hour: the minute number it counts, observations, failures (a ring indexed by minute). */
  private readonly minute = new Float64Array(HOUR_MINUTES).fill(-1);
  private readonly seen = new Uint32Array(HOUR_MINUTES);
  private readonly failed = new Uint32Array(HOUR_MINUTES);
  private readonly ttfb = new Float64Array(TTFB_SAMPLES);
  private readonly ttfbAt = new Float64Array(TTFB_SAMPLES).fill(Number.NEGATIVE_INFINITY);
  private ttfbNext = 0;

  observe(at: number, o: HealthObservation): void {
    const m = Math.floor(at / MINUTE);
    const i = m % HOUR_MINUTES;
    if (this.minute[i] !== m) {
      this.minute[i] = m;
      this.seen[i] = 0;
      this.failed[i] = 0;
    }
    (this.seen[i] as number)++;
    if (!o.ok) (this.failed[i] as number)++;
    if (this.lastCheckedAt === null || at >= this.lastCheckedAt) {
      this.lastCheckedAt = at;
      this.state = o.ok ? 'ok' : 'failing';
      if (!o.ok) this.lastError = (o.error ?? 'failed').slice(0, MAX_ERROR_CHARS);
    }
    if (o.ok && typeof o.ttfbMs === 'number') {
      this.ttfb[this.ttfbNext] = o.ttfbMs;
      this.ttfbAt[this.ttfbNext] = at;
      this.ttfbNext = (this.ttfbNext + 1) % TTFB_SAMPLES;
    }
  }

  view(now: number): ProviderHealthView {
    const current = Math.floor(now / MINUTE);
    let seen = 0;
    let failed = 0;
    for (let i = 0; i < HOUR_MINUTES; i++) {
      const m = this.minute[i] as number;
      if (m > current - HOUR_MINUTES && m <= current) {
        seen += this.seen[i] as number;
        failed += this.failed[i] as number;
      }
    }
    const recent: number[] = [];
    for (let i = 0; i < TTFB_SAMPLES; i++) {
      if ((this.ttfbAt[i] as number) > now - HOUR_MINUTES * MINUTE) recent.push(this.ttfb[i] as number);
    }
    recent.sort((a, b) => a - b);
    return {
      state: this.state ?? 'untested',
      lastCheckedAt: this.lastCheckedAt,
      lastError: this.lastError,
      errorRate1h: seen === 0 ? null : failed / seen,
      firstByteP50Ms1h: recent.length === 0 ? null : (recent[Math.floor((recent.length - 1) / 2)] as number),
    };
  }
}

const UNTESTED: ProviderHealthView = {
  state: 'untested',
  lastCheckedAt: null,
  lastError: null,
  errorRate1h: null,
  firstByteP50Ms1h: null,
};

/** Every provider's observed health, by provider id. */
export class ProviderHealthBoard {
  private readonly byId = new Map<string, ProviderHealth>();

  observe(providerId: string, at: number, o: HealthObservation): void {
    let h = this.byId.get(providerId);
    if (!h) {
      h = new ProviderHealth();
      this.byId.set(providerId, h);
    }
    h.observe(at, o);
  }

  view(providerId: string, now: number): ProviderHealthView {
    return this.byId.get(providerId)?.view(now) ?? UNTESTED;
  }

  /** A deleted provider's record goes with it. */
  forget(providerId: string): void {
    this.byId.delete(providerId);
  }
}
