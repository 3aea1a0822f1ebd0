import { describe, expect, it } from 'vitest';
import { formatGemTime, parseGemTime, toTimeFormat } from './gem-time.js';

const t = Date.UTC(2026, 0, 5, 7, 8, 9, 345);

describe('E5 TIME forms', () => {
  it('formats each TimeFormat', () => {
    expect(formatGemTime(t, 0)).toBe('260105070809');
    expect(formatGemTime(t, 1)).toBe('2026010507080934');
    expect(formatGemTime(t)).toBe('2026010507080934');
    expect(formatGemTime(t, 2)).toBe('2026-01-05T07:08:09.345Z');
  });

  it('parses each form back (to its precision)', () => {
    expect(parseGemTime(formatGemTime(t, 0))).toBe(Date.UTC(2026, 0, 5, 7, 8, 9));
    expect(parseGemTime(formatGemTime(t, 1))).toBe(Date.UTC(2026, 0, 5, 7, 8, 9, 340));
    expect(parseGemTime(formatGemTime(t, 2))).toBe(t);
  });

  it('applies the zone offset of an extended time and takes any fraction length', () => {
    expect(parseGemTime('2026-01-05T09:08:09+02:00')).toBe(Date.UTC(2026, 0, 5, 7, 8, 9));
    expect(parseGemTime('2026-01-05T02:08:09.3456789-05:00')).toBe(t);
    expect(parseGemTime('2026-01-05T07:08:09.3Z')).toBe(Date.UTC(2026, 0, 5, 7, 8, 9, 300));
  });

  it('refuses malformed and impossible times', () => {
    for (const bad of [
      '',
      '2026010507080',
      '20260231070809',
      '2026023107080900',
      '261305070809',
      '2026-01-05T07:08:09',
      '2026-01-05T07:08:09.Z',
      '2026-01-05T24:08:09Z',
      '2026-01-05T07:08:09+24:00',
      '2026-1-05T07:08:09Z',
    ])
      expect(parseGemTime(bad), bad).toBeUndefined();
  });

  it('reads a TimeFormat EC value, other values as the default 1', () => {
    expect([0, 1, 2, 3, -1, true, 'x'].map(toTimeFormat)).toEqual([0, 1, 2, 1, 1, 1, 1]);
  });
});
