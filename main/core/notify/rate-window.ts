// A per-target rate limit: at most N sends in any 60 s, by the hub's clock; tells when the next slot frees.
const WINDOW_MS = 60_000;

export class RateWindow {
  private readonly sent = new Map<string, number[]>();

  /** When the target may send next (now when it may send at once). */
  nextSlot(target: string, perMinute: number, now: number): number {
    const times = this.prune(target, now);
    if (times.length < perMinute) return now;
    return (times[times.length - perMinute] as number) + WINDOW_MS;
  }

  record(target: string, now: number): void {
    const times = this.prune(target, now);
    times.push(now);
    this.sent.set(target, times);
  }

  forget(target: string): void {
    this.sent.delete(target);
  }

  private prune(target: string, now: number): number[] {
    const times = this.sent.get(target) ?? [];
    let drop = 0;
    while (drop < times.length && (times[drop] as number) <= now - WINDOW_MS) drop++;
    if (drop > 0) times.splice(0, drop);
    return times;
  }
}
