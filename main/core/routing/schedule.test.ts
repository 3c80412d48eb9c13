// Tests for provider schedules: same-day and across-midnight windows, timezones, and the candidate filter.
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock';
import type { ProviderRuntime } from '../model/entities';
import { inSchedule, scheduleFilter } from './schedule';

const z = (iso: string): number => Date.parse(iso);

describe('inSchedule', () => {
  it('no schedule, or start = end, is always in', () => {
    expect(inSchedule(null, 0, 'UTC')).toBe(true);
    expect(inSchedule({ start: '08:00', end: '08:00' }, 0, 'UTC')).toBe(true);
  });
  it('a same-day window is [start, end)', () => {
    const s = { start: '09:00', end: '18:00' };
    expect(inSchedule(s, z('2026-01-05T08:59:59Z'), 'UTC')).toBe(false);
    expect(inSchedule(s, z('2026-01-05T09:00:00Z'), 'UTC')).toBe(true);
    expect(inSchedule(s, z('2026-01-05T17:59:59Z'), 'UTC')).toBe(true);
    expect(inSchedule(s, z('2026-01-05T18:00:00Z'), 'UTC')).toBe(false);
  });
  it('22:00–06:00 crosses midnight', () => {
    const s = { start: '22:00', end: '06:00' };
    expect(inSchedule(s, z('2026-01-05T21:59:00Z'), 'UTC')).toBe(false);
    expect(inSchedule(s, z('2026-01-05T22:00:00Z'), 'UTC')).toBe(true);
    expect(inSchedule(s, z('2026-01-06T00:30:00Z'), 'UTC')).toBe(true);
    expect(inSchedule(s, z('2026-01-06T05:59:59Z'), 'UTC')).toBe(true);
    expect(inSchedule(s, z('2026-01-06T06:00:00Z'), 'UTC')).toBe(false);
  });
  it('reads the local clock of the timezone', () => {
    const s = { start: '22:00', end: '06:00' };
    // 17:00 UTC = 22:30 in Kolkata; 01:00 UTC = 06:30 in Kolkata
    expect(inSchedule(s, z('2026-01-05T17:00:00Z'), 'Asia/Kolkata')).toBe(true);
    expect(inSchedule(s, z('2026-01-05T01:00:00Z'), 'Asia/Kolkata')).toBe(false);
    // New York in summer (EDT, -4): 02:30 UTC = 22:30 local
    expect(inSchedule(s, z('2026-07-01T02:30:00Z'), 'America/New_York')).toBe(true);
    expect(inSchedule(s, z('2026-07-01T10:30:00Z'), 'America/New_York')).toBe(false);
  });
});

describe('scheduleFilter', () => {
  it('names the window and the timezone; follows timezone changes', () => {
    const clock = new ManualClock(z('2026-01-05T12:00:00Z'));
    let tz = 'UTC';
    const filter = scheduleFilter(clock, () => tz);
    const input = { format: 'anthropic' as const, model: 'm', exclude: new Set<string>() };
    const night = { schedule: { start: '22:00', end: '06:00' } } as ProviderRuntime;
    expect(filter(night, input)).toBe('outside its schedule 22:00-06:00 (UTC)');
    tz = 'Pacific/Auckland'; // 01:00 the next day there
    expect(filter(night, input)).toBeNull();
    expect(filter({ schedule: null } as ProviderRuntime, input)).toBeNull();
  });
});
