import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { hasInvisible, nameSchema } from './name-schema.js';
import { parseWithSchema } from './zod-issues.js';

const schema = z.strictObject({ id: nameSchema(8) });
const message = (id: unknown) => {
  const r = parseWithSchema(schema, { id });
  return r.ok ? r.value.id : r.issues.map((i) => `${i.code}: ${i.message}`).join('; ');
};

describe('nameSchema', () => {
  it('accepts visible text (trimmed) and numbers as their text', () => {
    expect(message('  W 01 ')).toBe('W 01');
    expect(message(7)).toBe('7');
  });

  it('refuses empty, too long, invisible characters (named), and what is not text', () => {
    expect(message('  ')).toBe('missing: id: is empty');
    expect(message('123456789')).toBe('out-of-range: id: is longer than 8 characters');
    expect(message('A\u200bB')).toBe(
      'invalid-value: id: "A<U+200B zero-width space>B" holds a character that cannot be seen; retype it',
    );
    expect(message('A\u00a0B')).toMatch(/<U\+00A0 no-break space>/);
    expect(message(null)).toBe('wrong-type: id: expected string, got null');
  });

  it('hasInvisible keeps ordinary spaces', () => {
    expect(hasInvisible('a b')).toBe(false);
    expect(hasInvisible('a\tb')).toBe(true);
    expect(hasInvisible('\ufeffa')).toBe(true);
  });
});
