import { describe, expect, it } from 'vitest';
import { newRequestId } from '../../main/core/ids';

describe('request ids', () => {
  it('sort by the time they carry, stay unique within a millisecond, and never reuse another millisecond’s head', () => {
    const t = Date.UTC(2026, 10, 27, 4, 0, 0);
    const sameMs = [newRequestId(t), newRequestId(t), newRequestId(t)];
    const later = newRequestId(t + 1);
    const earlierAgain = newRequestId(t - 1); // a clock that stepped back: the id carries that time, not the cached one
    for (const id of [...sameMs, later, earlierAgain]) expect(id).toMatch(/^req_[0-9a-z]{9}[0-9A-Za-z]{4}[0-9a-z]{5}$/);
    expect(new Set(sameMs).size).toBe(3);
    expect([...sameMs].sort()).toEqual(sameMs);
    expect(sameMs.every((id) => id < later)).toBe(true);
    expect(earlierAgain < (sameMs[0] as string)).toBe(true);
    expect(later.slice(4, 13)).toBe((t + 1).toString(36).padStart(9, '0'));
    expect(earlierAgain.slice(4, 13)).toBe((t - 1).toString(36).padStart(9, '0'));
  });
});
