// The webhook kinds and notification events, written once without zod (the console imports them at run time).

export const WEBHOOK_KINDS = ['json', 'slack', 'feishu', 'dingtalk', 'wecom', 'telegram'] as const;
export type WebhookKind = (typeof WEBHOOK_KINDS)[number];

export const NOTIFY_EVENTS = [
  'breaker.opened',
  'breaker.closed',
  'provider.none',
  'spend.threshold',
  'key.expiring',
  'leaderboard.daily',
] as const;
export type NotifyEvent = (typeof NOTIFY_EVENTS)[number];
