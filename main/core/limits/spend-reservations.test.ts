// Tests for SpendReservations: taking, moving to a provider, releasing once, and returning to exactly zero.
import { describe, expect, it } from 'vitest';
import { keySubject, providerSubject, userSubject } from '../subjects';
import { SpendReservations } from './spend-reservations';

const K = keySubject('k1');
const U = userSubject('u1');
const P1 = providerSubject('p1');
const P2 = providerSubject('p2');

describe('SpendReservations', () => {
  it('holds a request on its key and user, then also on the provider it is sent to', () => {
    const book = new SpendReservations();
    const r = book.take('k1', 'u1', 300);
    expect([book.heldNanos(K), book.heldNanos(U), book.heldNanos(P1)]).toEqual([300, 300, 0]);
    r.retarget('p1', 120); // the chosen provider is cheaper than the dearest one the guard assumed
    expect([book.heldNanos(K), book.heldNanos(U), book.heldNanos(P1)]).toEqual([120, 120, 120]);
    r.retarget('p2', 200); // failed over
    expect([book.heldNanos(K), book.heldNanos(U), book.heldNanos(P1), book.heldNanos(P2)]).toEqual([200, 200, 0, 200]);
    expect(r.amount).toBe(200);
  });

  it('sums requests per subject and releases each exactly once', () => {
    const book = new SpendReservations();
    const a = book.take('k1', 'u1', 100);
    const b = book.take('k2', 'u1', 50);
    a.retarget('p1', 100);
    b.retarget('p1', 50);
    expect(book.heldNanos(U)).toBe(150);
    expect(book.heldNanos(P1)).toBe(150);
    expect(book.open()).toBe(2);
    a.release();
    a.release();
    a.retarget('p2', 999); // too late: nothing is held again
    expect(book.heldNanos(U)).toBe(50);
    expect(book.heldNanos(P1)).toBe(50);
    expect(book.heldNanos(P2)).toBe(0);
    expect(a.amount).toBe(0);
    b.release();
    expect(book.totalNanos()).toBe(0);
    expect(book.open()).toBe(0);
  });

  it('returns to exactly 0 after many interleaved requests', () => {
    const book = new SpendReservations();
    const open = [];
    for (let i = 0; i < 1000; i++) {
      const r = book.take(`k${i % 7}`, `u${i % 3}`, 1 + ((i * 7919) % 100_003));
      if (i % 2 === 0) r.retarget(`p${i % 5}`, 1 + ((i * 104_729) % 99_991));
      open.push(r);
      if (i % 3 === 0) open.shift()?.release();
    }
    for (const r of open) r.release();
    expect(book.totalNanos()).toBe(0);
    expect(book.open()).toBe(0);
  });
});
