import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { knownKeys } from './schema-keys.js';
import { parseWithSchema } from './zod-issues.js';

const inner = z.strictObject({ offset: z.number().default(0), gain: z.number().optional() });
const schema = z
  .strictObject({
    runs: z.number().default(5),
    context: z.strictObject({ tool: z.string() }).optional(),
    correctables: z.record(z.string(), z.strictObject({ process: inner })),
    list: z.array(z.strictObject({ a: z.number() })),
    pair: z.tuple([z.number(), z.strictObject({ b: z.number() })]),
    pre: z.preprocess((v) => v, z.strictObject({ c: z.number() })),
  })
  .transform((v) => v);

describe('knownKeys', () => {
  it('lists the keys of the object schema at a key path, through wrappers, records, arrays and tuples', () => {
    expect(knownKeys(schema, [])).toEqual(['runs', 'context', 'correctables', 'list', 'pair', 'pre']);
    expect(knownKeys(schema, ['context'])).toEqual(['tool']);
    expect(knownKeys(schema, ['correctables', 'Tx', 'process'])).toEqual(['offset', 'gain']);
    expect(knownKeys(schema, ['list', 3])).toEqual(['a']);
    expect(knownKeys(schema, ['pair', 1])).toEqual(['b']);
    expect(knownKeys(schema, ['pre'])).toEqual(['c']);
  });

  it('is undefined where there is no object schema', () => {
    expect(knownKeys(schema, ['runs'])).toBeUndefined();
    expect(knownKeys(schema, ['nope', 'deeper'])).toBeUndefined();
    expect(knownKeys(z.union([z.strictObject({ a: z.number() }), z.number()]), [])).toBeUndefined();
  });
});

describe('parseWithSchema with knownKeys', () => {
  it('names the known keys in an unknown-key message when asked, and invisible characters in a key', () => {
    const r = parseWithSchema(
      schema,
      { correctables: { Tx: { process: { ofset: 1 } } } },
      { knownKeys: true },
    );
    expect(!r.ok && r.issues.find((i) => i.code === 'unknown-key')).toEqual({
      code: 'unknown-key',
      message: 'correctables.Tx.process.ofset: is not a known key (known keys: offset, gain)',
      path: 'correctables.Tx.process.ofset',
    });
    const hidden = parseWithSchema(schema, { correctables: {}, '\ufeffruns': 1 });
    expect(!hidden.ok && hidden.issues.find((i) => i.code === 'unknown-key')).toEqual({
      code: 'unknown-key',
      message: '<U+FEFF byte-order mark>runs: is not a known key',
      path: '\ufeffruns',
    });
    const plain = parseWithSchema(schema, { correctables: {}, extra: 1 });
    expect(!plain.ok && plain.issues.find((i) => i.code === 'unknown-key')?.message).toBe(
      'extra: is not a known key',
    );
  });
});
