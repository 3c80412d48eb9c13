// The credential-guessing throttle and the client address it is keyed by (trusted proxies, X-Forwarded-For).
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientAddress, TrustedProxies } from '../../main/core/client-address';
import { ManualClock } from '../../main/core/clock';
import { addressBucket, Lockout, RELAY_LOCKOUT } from '../../main/core/credential-lockout';

const counted = { retryAfterMs: 0, firstRefusal: false };

describe('Lockout', () => {
  it('the 20th failure in 5 minutes starts a 10-minute lock; failing attempts are refused, then counted again', () => {
    const clock = new ManualClock();
    const lock = new Lockout(clock, RELAY_LOCKOUT);
    for (let i = 0; i < 20; i++) expect(lock.fail('1.2.3.4')).toEqual(counted);
    expect(lock.fail('1.2.3.4')).toEqual({ retryAfterMs: 600_000, firstRefusal: true });
    clock.advance(1000);
    expect(lock.fail('1.2.3.4')).toEqual({ retryAfterMs: 599_000, firstRefusal: false });
    expect(lock.fail('5.6.7.8')).toEqual(counted);
    clock.advance(599_000); // refused guesses did not extend the lock
    expect(lock.fail('1.2.3.4')).toEqual(counted);
    expect(lock.lockedFor('1.2.3.4')).toBe(0);
  });
  it('failures older than the window do not count', () => {
    const clock = new ManualClock();
    const lock = new Lockout(clock, RELAY_LOCKOUT);
    for (let i = 0; i < 19; i++) lock.fail('a');
    clock.advance(300_001);
    lock.fail('a');
    expect(lock.lockedFor('a')).toBe(0);
    for (let i = 0; i < 18; i++) lock.fail('a');
    expect(lock.lockedFor('a')).toBe(0);
    lock.fail('a');
    expect(lock.lockedFor('a')).toBe(600_000);
  });
  it('remembers a bounded number of addresses, forgetting those that failed least recently', () => {
    const clock = new ManualClock();
    const lock = new Lockout(clock, { maxFailures: 2, windowMs: 60_000, lockMs: 60_000 }, 10);
    lock.fail('a');
    lock.fail('a'); // a is locked
    for (let i = 1; i <= 9; i++) lock.fail(`b${i}`);
    expect(lock.size).toBe(10);
    lock.fail('a'); // refused, and now the most recent
    lock.fail('c'); // 11 > 10: down to 9, so b1 and b2 go
    expect(lock.size).toBe(9);
    expect(lock.lockedFor('a')).toBe(60_000);
    lock.fail('b1'); // a fresh count (its first failure was forgotten): not locked
    expect(lock.lockedFor('b1')).toBe(0);
    lock.fail('b3'); // remembered: its second failure locks it
    expect(lock.lockedFor('b3')).toBe(60_000);
  });
  it('counts IPv6 by /64 and IPv4-mapped addresses as IPv4', () => {
    expect(addressBucket('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressBucket('2001:db8:1:2:bbbb:cccc:dddd:eeee')).toBe('2001:db8:1:2::/64');
    expect(addressBucket('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressBucket('1:2::3:4:5:6.7.8.9')).toBe('1:2:0:3::/64');
    expect(addressBucket('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(addressBucket('::1')).toBe('0:0:0:0::/64');
    expect(addressBucket('::ffff:10.1.2.3')).toBe('10.1.2.3');
    expect(addressBucket('10.1.2.3')).toBe('10.1.2.3');
    const lock = new Lockout(new ManualClock(), { maxFailures: 2, windowMs: 60_000, lockMs: 60_000 });
    lock.fail('2001:db8:1:2::1');
    lock.fail('2001:db8:1:2::2');
    expect(lock.lockedFor('2001:db8:1:2::99')).toBe(60_000);
    expect(lock.lockedFor('2001:db8:1:3::1')).toBe(0);
  });
});

function request(peer: string, forwardedFor?: string): IncomingMessage {
  return {
    socket: { remoteAddress: peer },
    headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
  } as unknown as IncomingMessage;
}

describe('clientAddress', () => {
  const trusted = new TrustedProxies(['10.0.0.0/8', '::1', '192.168.1.5']);
  it('without trusted proxies, or from a peer that is not one, is the peer and ignores X-Forwarded-For', () => {
    expect(clientAddress(request('10.0.0.7', '203.0.113.9'), new TrustedProxies([]))).toBe('10.0.0.7');
    expect(clientAddress(request('198.51.100.1', '203.0.113.9'), trusted)).toBe('198.51.100.1');
  });
  it('from a trusted proxy is the right-most hop that is not a trusted proxy', () => {
    expect(clientAddress(request('10.0.0.7', '203.0.113.9'), trusted)).toBe('203.0.113.9');
    expect(clientAddress(request('::ffff:10.0.0.7', '203.0.113.9'), trusted)).toBe('203.0.113.9');
    expect(clientAddress(request('10.0.0.7', '1.1.1.1, 203.0.113.9, 192.168.1.5'), trusted)).toBe('203.0.113.9');
    expect(clientAddress(request('::1', '1.1.1.1,203.0.113.9:4711, 10.2.3.4'), trusted)).toBe('203.0.113.9');
    expect(clientAddress(request('::1', '[2001:db8::5]:443'), trusted)).toBe('2001:db8::5');
    expect(clientAddress(request('::1', '2001:db8::5'), trusted)).toBe('2001:db8::5');
  });
  it('all hops trusted → the left-most; an unreadable hop stops at the last trusted one; no header → the peer', () => {
    expect(clientAddress(request('10.0.0.7', '10.9.9.9, 192.168.1.5'), trusted)).toBe('10.9.9.9');
    expect(clientAddress(request('10.0.0.7', 'evil, 10.9.9.9'), trusted)).toBe('10.9.9.9');
    expect(clientAddress(request('10.0.0.7', 'unknown'), trusted)).toBe('10.0.0.7');
    expect(clientAddress(request('10.0.0.7'), trusted)).toBe('10.0.0.7');
  });
  it('matches addresses and ranges of either family, IPv4-mapped forms as IPv4', () => {
    const t = new TrustedProxies(['10.128.0.0/9', '2001:db8::/32', '::ffff:192.168.0.0/112', '172.16.0.1', 'fd00::1']);
    expect(t.has('10.200.1.1')).toBe(true);
    expect(t.has('10.127.255.255')).toBe(false);
    expect(t.has('::ffff:10.200.1.1')).toBe(true);
    expect(t.has('2001:db8:ffff::5')).toBe(true);
    expect(t.has('2001:db9::5')).toBe(false);
    expect(t.has('192.168.44.1')).toBe(true);
    expect(t.has('192.169.0.1')).toBe(false);
    expect(t.has('172.16.0.1')).toBe(true);
    expect(t.has('::ffff:ac10:1')).toBe(true); // 172.16.0.1 in hex
    expect(t.has('172.16.0.2')).toBe(false);
    expect(t.has('fd00:0:0::1')).toBe(true);
    expect(t.has('fd00::2')).toBe(false);
    expect(t.has('unknown')).toBe(false);
    expect(new TrustedProxies(['0.0.0.0/0']).has('8.8.8.8')).toBe(true);
    expect(new TrustedProxies(['0.0.0.0/0']).has('2001:db8::1')).toBe(false);
  });
  it('refuses entries that are not addresses or ranges', () => {
    expect(() => new TrustedProxies(['10.0.0.0/33'])).toThrow(/not an IP address or CIDR/);
    expect(() => new TrustedProxies(['proxy.local'])).toThrow(/proxy\.local/);
    expect(() => new TrustedProxies(['10.0.0.0/8/1'])).toThrow();
    expect(() => new TrustedProxies(['::ffff:10.0.0.0/95'])).toThrow();
    expect(() => new TrustedProxies(['::1/129'])).toThrow();
    expect(TrustedProxies.parse(' 10.0.0.1, fd00::/8  127.0.0.1 ').entries).toEqual([
      '10.0.0.1',
      'fd00::/8',
      '127.0.0.1',
    ]);
  });
});
