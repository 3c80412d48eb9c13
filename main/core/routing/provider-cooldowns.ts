// Providers benched after a 429 until their retry-after has passed, as a selection filter.
import type { Clock } from '../clock';
import type { CandidateFilter } from './select';

export class ProviderCooldowns {
  private readonly until = new Map<string, number>();

  constructor(private readonly clock: Clock) {}

  /** Skip the provider for `ms` from now. */
  bench(providerId: string, ms: number): void {
    this.until.set(providerId, this.clock.now() + ms);
  }

  readonly filter: CandidateFilter = (p) => {
    const until = this.until.get(p.id);
    if (until === undefined) return null;
    const left = until - this.clock.now();
    if (left <= 0) {
      this.until.delete(p.id);
      return null;
    }
    return `rate-limited by the provider for ${Math.ceil(left / 1000)} s more`;
  };
}
