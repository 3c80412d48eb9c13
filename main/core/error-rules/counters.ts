// Counts for /metrics: upstream errors decided by each error rule, and the reactive fixes used.

export class ErrorRuleCounters {
  private readonly decisions = new Map<string, { rule: string; action: string; count: number }>();
  private readonly fixes = new Map<string, number>();

  decided(rule: string, action: string): void {
    const id = `${rule}\u0000${action}`;
    const entry = this.decisions.get(id);
    if (entry) entry.count++;
    else this.decisions.set(id, { rule, action, count: 1 });
  }

  fixed(fix: string): void {
    this.fixes.set(fix, (this.fixes.get(fix) ?? 0) + 1);
  }

  decisionCounts(): { rule: string; action: string; count: number }[] {
    return [...this.decisions.values()];
  }

  fixCounts(): { fix: string; count: number }[] {
    return [...this.fixes].map(([fix, count]) => ({ fix, count }));
  }
}
