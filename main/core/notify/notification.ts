// What one notification is ({ event, at, data }) and its human-readable title and text for chat targets.
import type { NotifyEvent } from '../../../shared/webhook-schemas';

export type NotificationEvent = NotifyEvent | 'test';

/** The generic JSON target's body when it has no template: exactly this object. */
export interface Notification {
  event: NotificationEvent;
  /** ISO-8601 UTC. */
  at: string;
  data: Record<string, unknown>;
}

export interface NotificationText {
  title: string;
  /** Plain lines; chat targets wrap them in their own markup. */
  lines: string[];
}

const usd = (v: unknown) => (typeof v === 'number' ? `$${v.toFixed(v >= 100 ? 0 : 2)}` : '?');
const pct = (v: unknown) => (typeof v === 'number' ? `${Math.round(v * 100)} %` : '?');
const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));

const WINDOW_NAMES: Record<string, string> = {
  fiveHour: '5-hour',
  daily: 'daily',
  weekly: 'weekly',
  monthly: 'monthly',
  total: 'total',
};

/** The title and lines a chat target shows for a notification. */
export function describeNotification(n: Notification): NotificationText {
  const d = n.data;
  switch (n.event) {
    case 'breaker.opened':
      return {
        title: `Circuit opened: ${str(d.providerName)}`,
        lines: [
          `Provider ${str(d.providerName)} stopped taking requests after ${str(d.reason)}.`,
          ...(d.retryAt ? [`It is tried again at ${str(d.retryAt)}.`] : []),
        ],
      };
    case 'breaker.closed':
      return {
        title: `Circuit closed: ${str(d.providerName)}`,
        lines: [`Provider ${str(d.providerName)} takes requests again (${str(d.reason)}).`],
      };
    case 'provider.none':
      return {
        title: `No provider left for ${str(d.format)}`,
        lines: [`Requests in the ${str(d.format)} format have no enabled provider with a closed circuit.`],
      };
    case 'spend.threshold':
      return {
        title: `Spend at ${pct(d.share)} of a ${WINDOW_NAMES[str(d.window)] ?? str(d.window)} limit`,
        lines: [
          `${str(d.scope)} ${str(d.name)}: ${usd(d.usedUsd)} of ${usd(d.limitUsd)} (${pct(d.share)}).`,
          ...(d.resetsAt ? [`The window resets at ${str(d.resetsAt)}.`] : []),
        ],
      };
    case 'key.expiring':
      return {
        title: `Key expiring: ${str(d.keyName)}`,
        lines: [`Key ${str(d.keyName)} of ${str(d.userName)} expires at ${str(d.expiresAt)}.`],
      };
    case 'leaderboard.daily': {
      const entries = Array.isArray(d.entries) ? (d.entries as Record<string, unknown>[]) : [];
      return {
        title: `Leaderboard for ${str(d.date)}`,
        lines: [
          `${str(d.totalRequests)} requests, ${usd(d.totalCostUsd)} in all.`,
          ...entries.map((e) => `${str(e.rank)}. ${str(e.name)}: ${usd(e.costUsd)}, ${str(e.requests)} requests`),
        ],
      };
    }
    case 'test':
      return { title: 'cchub test notification', lines: ['This target receives cchub notifications.'] };
  }
}
