// COPY's text format for one value: what PostgreSQL reads back as the value itself (the round trip
// through the server is in postgres-store.test.ts).
import { describe, expect, it } from 'vitest';
import { copyValue } from './bulk-insert.js';

describe('copyValue', () => {
  it('writes NULL as \\N and numbers as their digits', () => {
    expect(copyValue(null)).toBe('\\N');
    expect(copyValue(9_007_199_254_740_991)).toBe('9007199254740991');
    expect(copyValue(-3.25)).toBe('-3.25');
  });

  it('escapes the characters that end a value or a row, and the backslash', () => {
    expect(copyValue('a\tb\nc\rd\\e')).toBe('a\\tb\\nc\\rd\\\\e');
    // A text that reads like COPY's NULL or end marker stays text.
    expect(copyValue('\\N')).toBe('\\\\N');
    expect(copyValue('\\.')).toBe('\\\\.');
    expect(copyValue('plain ü ✓')).toBe('plain ü ✓');
  });

  it('writes bytes as an escaped bytea hex literal', () => {
    expect(copyValue(Buffer.from([0, 0xab, 0xff]))).toBe('\\\\x00abff');
  });
});
