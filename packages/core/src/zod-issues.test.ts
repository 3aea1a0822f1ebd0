import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseWithSchema, shown } from './zod-issues.js';

const schema = z.strictObject({
  name: z.string(),
  pitchUm: z.number().positive().max(100),
  sites: z.array(z.strictObject({ x: z.number(), dx: z.number() })).max(3),
  mode: z.enum(['ewma', 'dewma']).optional(),
});

describe('parseWithSchema', () => {
  it('passes valid data through as the value', () => {
    const data = { name: 'a', pitchUm: 1, sites: [{ x: 0, dx: 1 }] };
    expect(parseWithSchema(schema, data)).toEqual({ ok: true, value: data });
  });

  it('names the key path, the value found and what is allowed, with kebab-case codes', () => {
    const r = parseWithSchema(
      schema,
      { pitchUm: 1e300, sites: [{ x: 0, dx: '3' }], mode: 'pid', extra: 1 },
      { source: 'c.yaml' },
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const byPath = Object.fromEntries(r.issues.map((i) => [i.path, i]));
    expect(byPath.name).toMatchObject({ code: 'missing', message: 'c.yaml: name: is required (string)' });
    expect(byPath.pitchUm).toMatchObject({
      code: 'out-of-range',
      message: 'c.yaml: pitchUm: 1e+300 is out of range; must be at most 100',
    });
    expect(byPath['sites[0].dx']).toMatchObject({
      code: 'wrong-type',
      message: 'c.yaml: sites[0].dx: expected number, got "3"',
    });
    expect(byPath.mode).toMatchObject({ code: 'invalid-value' });
    expect(byPath.mode?.message).toContain('"pid" is not allowed; expected "ewma", "dewma"');
    expect(byPath.extra).toMatchObject({ code: 'unknown-key', message: 'c.yaml: extra: is not a known key' });
  });

  it('puts the position from `locate` after the source', () => {
    const r = parseWithSchema(
      z.strictObject({ a: z.number() }),
      { a: 'x' },
      { source: 'f', locate: () => '3:5' },
    );
    expect(!r.ok && r.issues[0]?.message).toBe('f:3:5: a: expected number, got "x"');
  });

  it('uses the code of a custom refinement when it gives one', () => {
    const s = z
      .number()
      .refine((v) => v !== 0, { message: 'must not be 0', params: { code: 'zero-ambiguity' } });
    const r = parseWithSchema(z.object({ ambiguity: s }), { ambiguity: 0 });
    expect(!r.ok && r.issues[0]).toMatchObject({ code: 'zero-ambiguity', path: 'ambiguity' });
  });

  it('names invisible characters of a key in the message; the path keeps the key as it is', () => {
    const r = parseWithSchema(z.strictObject({}), { 'a\u200Bb': 1 });
    expect(!r.ok && r.issues[0]).toEqual({
      code: 'unknown-key',
      path: 'a\u200Bb',
      message: 'a<U+200B zero-width space>b: is not a known key',
    });
  });

  it('names a top-level refusal as such', () => {
    const r = parseWithSchema(schema, 42);
    expect(!r.ok && r.issues[0]?.message).toBe('(top level): expected object, got 42');
  });
});

describe('shown', () => {
  it('quotes text with invisible characters named and long text cut', () => {
    expect(shown('1\u00A02')).toBe('"1<U+00A0 no-break space>2"');
    expect(shown('x'.repeat(50))).toBe(`"${'x'.repeat(40)}…"`);
    expect(shown([1, 2])).toBe('a list of 2');
  });
});
