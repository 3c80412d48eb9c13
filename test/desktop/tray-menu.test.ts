import { describe, expect, it } from 'vitest';
import { formatCount, formatMoney } from '../../main/desktop/format';
import {
  bindTrayMenu,
  buildTrayMenu,
  claudeCodeSnippet,
  MAX_PROVIDERS_SHOWN,
  providerLine,
  type TrayAction,
  type TrayState,
  trayToolTip,
} from '../../main/desktop/tray-menu';
import type { TrayStats } from '../../main/desktop/tray-stats';

const stats = (over: Partial<TrayStats> = {}): TrayStats => ({
  requests: 1234,
  errors: 2,
  costUsd: 12.345,
  tokens: 2_345_678,
  inFlight: 3,
  providers: [
    { id: 'p1', name: 'anthropic-main', enabled: true, breaker: 'closed' },
    { id: 'p2', name: 'backup', enabled: true, breaker: 'open' },
    { id: 'p3', name: 'trial', enabled: true, breaker: 'half-open' },
    { id: 'p4', name: 'old', enabled: false, breaker: 'closed' },
  ],
  currencySymbol: '¥',
  timeZone: 'Asia/Shanghai',
  ...over,
});
const state: TrayState = { baseUrl: 'http://127.0.0.1:23000', serveOnLan: false, openAtLogin: false };

describe('money and counts', () => {
  it('formats money with the hub currency symbol, never hiding small costs as zero', () => {
    expect(formatMoney(12.345, '$')).toBe('$12.35');
    expect(formatMoney(1234567.891, '€')).toBe('€1,234,567.89');
    expect(formatMoney(0, '¥')).toBe('¥0.00');
    expect(formatMoney(0.0004, '$')).toBe('<$0.01');
    expect(formatMoney(0.006, 'HK$')).toBe('HK$0.01');
    expect(formatMoney(Number.NaN, '$')).toBe('$0.00');
  });
  it('formats counts compactly', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(999)).toBe('999');
    expect(formatCount(12_345)).toBe('12,345');
    expect(formatCount(100_000)).toBe('100k');
    expect(formatCount(123_456)).toBe('123.5k');
    expect(formatCount(2_345_678)).toBe('2.35M');
    expect(formatCount(1_000_000)).toBe('1M');
    expect(formatCount(4_500_000_000)).toBe('4.5B');
  });
});

describe('buildTrayMenu', () => {
  it('today, in flight, provider health, then the actions', () => {
    const items = buildTrayMenu(stats(), state);
    expect(items.map((i) => (i.type === 'separator' ? '---' : i.label))).toEqual([
      'Today: 1,234 requests · ¥12.35',
      'Tokens today: 2.35M',
      'In flight: 3',
      '---',
      'Providers (1 failing)',
      '● anthropic-main — healthy',
      '✕ backup — circuit open',
      '◐ trial — recovering (half-open)',
      '○ old — disabled',
      '---',
      'Open console',
      'Copy base URL (http://127.0.0.1:23000)',
      'Copy Claude Code setup',
      '---',
      'Serve on LAN',
      'Start at login',
      '---',
      'Quit cchub',
    ]);
    expect(items.filter((i) => i.action).map((i) => i.action)).toEqual([
      'open-console',
      'copy-base-url',
      'copy-claude-setup',
      'toggle-lan',
      'toggle-login',
      'quit',
    ]);
    // Information lines are not clickable.
    expect(items.slice(0, 3).every((i) => i.enabled === false)).toBe(true);
  });

  it('checkboxes follow the state; the LAN address shows only while serving the LAN', () => {
    const off = buildTrayMenu(stats(), state);
    expect(off.find((i) => i.action === 'toggle-lan')).toMatchObject({ type: 'checkbox', checked: false });
    expect(off.some((i) => i.label?.startsWith('LAN address'))).toBe(false);
    const on = buildTrayMenu(stats(), {
      ...state,
      serveOnLan: true,
      lanUrl: 'http://192.168.1.5:23000',
      openAtLogin: true,
    });
    expect(on.find((i) => i.action === 'toggle-lan')?.checked).toBe(true);
    expect(on.find((i) => i.action === 'toggle-login')?.checked).toBe(true);
    expect(on.map((i) => i.label)).toContain('LAN address: http://192.168.1.5:23000');
    const none = buildTrayMenu(stats(), { ...state, serveOnLan: true });
    expect(none.map((i) => i.label)).toContain('LAN address: none found');
  });

  it('no providers, and many providers', () => {
    expect(buildTrayMenu(stats({ providers: [] }), state).map((i) => i.label)).toContain(
      'No providers yet: add one in the console',
    );
    const many = Array.from({ length: MAX_PROVIDERS_SHOWN + 3 }, (_, n) => ({
      id: `p${n}`,
      name: `p${n}`,
      enabled: true,
      breaker: 'closed' as const,
    }));
    const labels = buildTrayMenu(stats({ providers: many }), state).map((i) => i.label);
    expect(labels.filter((l) => l?.startsWith('● '))).toHaveLength(MAX_PROVIDERS_SHOWN);
    expect(labels).toContain('… and 3 more');
    expect(labels).toContain('Providers');
  });

  it('a disabled provider with an open breaker is shown as disabled and not counted as failing', () => {
    const items = buildTrayMenu(stats({ providers: [{ id: 'x', name: 'x', enabled: false, breaker: 'open' }] }), state);
    expect(items.map((i) => i.label)).toEqual(expect.arrayContaining(['Providers', '○ x — disabled']));
    expect(providerLine({ id: 'y', name: 'y', enabled: true, breaker: 'open' })).toBe('✕ y — circuit open');
  });

  it('is the same for the same input (pure)', () => {
    expect(buildTrayMenu(stats(), state)).toEqual(buildTrayMenu(stats(), state));
  });
});

describe('tray texts and binding', () => {
  it('the Claude Code snippet and the tooltip', () => {
    expect(claudeCodeSnippet('http://192.168.1.5:23000')).toBe(
      'export ANTHROPIC_BASE_URL=http://192.168.1.5:23000 ANTHROPIC_AUTH_TOKEN=<your hub key>',
    );
    expect(trayToolTip(stats())).toBe('cchub — today 1,234 requests, ¥12.35');
  });
  it('binds each action to a click and leaves the rest as they are', () => {
    const clicked: TrayAction[] = [];
    const template = bindTrayMenu(buildTrayMenu(stats(), state), (a) => clicked.push(a));
    for (const item of template) (item.click as (() => void) | undefined)?.();
    expect(clicked).toEqual([
      'open-console',
      'copy-base-url',
      'copy-claude-setup',
      'toggle-lan',
      'toggle-login',
      'quit',
    ]);
    expect(template.some((i) => 'action' in i)).toBe(false);
    expect(template[0]).toEqual({ label: 'Today: 1,234 requests · ¥12.35', enabled: false });
  });
});
