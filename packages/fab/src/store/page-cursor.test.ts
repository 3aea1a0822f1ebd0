// Cursors: what encodeCursor gives, pagePosition takes back; anything else is bad-cursor with a
// reason, and a limit outside 1..1000 is bad-limit.
import { describe, expect, it } from 'vitest';
import { encodeCursor, MAX_PAGE_LIMIT, type PageQuery, pagePosition } from './page-cursor.js';

const position = (q: PageQuery) => pagePosition(q, 'events', ['number', 'number']);
const refusal = (q: PageQuery) => {
  const r = position(q);
  return r.ok ? undefined : r.issues[0];
};

describe('page cursor', () => {
  it('starts at the beginning with the default limit and order', () => {
    expect(position({})).toEqual({ ok: true, value: { limit: 100, order: 'asc' } });
  });

  it('gives back the key a cursor was made from', () => {
    const cursor = encodeCursor('events', 'desc', [1767600000000, 42]);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(position({ cursor, order: 'desc', limit: MAX_PAGE_LIMIT })).toEqual({
      ok: true,
      value: { limit: 1000, order: 'desc', after: [1767600000000, 42] },
    });
    const byText = pagePosition({ cursor: encodeCursor('tools', 'asc', ['B"1\u00e9']) }, 'tools', ['string']);
    expect(byText.ok && byText.value.after).toEqual(['B"1\u00e9']);
  });

  it('refuses cursors it did not give out, or gave out for another list or order', () => {
    const asB64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const cases: [string, RegExp][] = [
      ['', /not a cursor string/],
      ['a b', /not base64url/],
      ['A'.repeat(2001), /longer than 2000/],
      ['Zm9v', /not a cursor this server gave out/],
      [asB64({ a: 1 }), /not a cursor this server gave out/],
      [asB64([2, 'events', 'asc', 1, 2]), /not a cursor this server gave out/],
      [encodeCursor('alarms', 'asc', [1, 2]), /another list \(alarms\), not of events/],
      [encodeCursor('events', 'desc', [1, 2]), /desc order, not of asc/],
      [encodeCursor('events', 'asc', [1]), /key length/],
      [encodeCursor('events', 'asc', [1, 'x']), /key type/],
      [encodeCursor('events', 'asc', [1, 1.5]), /key type/],
      [asB64([1, 'events', 'asc', 1, 2 ** 53]), /key type/],
    ];
    for (const [cursor, why] of cases) {
      const i = refusal({ cursor });
      expect(i?.code).toBe('bad-cursor');
      expect(i?.path).toBe('cursor');
      expect(i?.message).toMatch(why);
    }
  });

  it('refuses a limit that is not an integer 1..1000', () => {
    for (const limit of [0, -5, 1001, 2.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(refusal({ limit })).toMatchObject({ code: 'bad-limit', path: 'limit' });
    }
    expect(position({ limit: 1 }).ok).toBe(true);
  });
});
