// JSON columns: a value that JSON would change on the way (NaN → null, undefined → dropped) is
// refused with its key path rather than stored changed.
import { describe, expect, it } from 'vitest';
import { jsonText, parseJsonObject } from './json-value.js';

const why = (v: unknown) => {
  const r = jsonText(v, 'records[0].data');
  return r.ok ? undefined : r.issue;
};

describe('jsonText', () => {
  it('writes plain JSON values as JSON.stringify does', () => {
    const v = { a: [1, -0.5, 'x', true, null, { b: [] }], c: 1e21 };
    expect(jsonText(v, 'data')).toEqual({ ok: true, text: JSON.stringify(v) });
    expect(parseJsonObject(JSON.stringify(v))).toEqual(v);
  });

  it('names the first part JSON cannot hold exactly', () => {
    expect(why({ a: { b: [1, Number.NaN] } })).toEqual({
      code: 'invalid-record',
      message: 'records[0].data.a.b[1]: NaN cannot be stored as JSON (finite numbers only)',
      path: 'records[0].data.a.b[1]',
    });
    expect(why({ x: Number.NEGATIVE_INFINITY })?.path).toBe('records[0].data.x');
    expect(why({ x: undefined })?.message).toMatch(/\.x: a undefined cannot be stored/);
    expect(why({ x: 1n })?.message).toMatch(/a bigint cannot/);
    expect(why({ x: new Float32Array(2) })?.message).toMatch(/a Float32Array cannot/);
    expect(why({ x: new Date(0) })?.message).toMatch(/a Date cannot/);
    expect(why({ x: () => 1 })?.message).toMatch(/a function cannot/);
  });

  it('refuses nesting deeper than 32 levels, and so a cycle', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 40; i++) deep = [deep];
    expect(why(deep)?.message).toMatch(/nested deeper than 32 levels/);
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(why(cycle)?.message).toMatch(/nested deeper/);
  });

  it('accepts objects without a prototype', () => {
    const bare = Object.create(null) as Record<string, unknown>;
    bare.k = 1;
    expect(jsonText(bare, 'd')).toEqual({ ok: true, text: '{"k":1}' });
  });
});
