import { describe, expect, it } from 'vitest';
import { formatDsper, parseDsper } from './trace-period.js';

describe('DSPER', () => {
  it('reads hhmmss and hhmmsscc (E5: cc = hundredths)', () => {
    expect(parseDsper('000001')).toBe(1000);
    expect(parseDsper('00000050')).toBe(500);
    expect(parseDsper('010203')).toBe((3600 + 2 * 60 + 3) * 1000);
    expect(parseDsper('00010001')).toBe(60_010);
  });

  it('refuses zero, out-of-range minutes/seconds and other shapes', () => {
    for (const bad of ['000000', '00000000', '006000', '000060', '1', '00:00:01', '0000001', 'abcdef'])
      expect(parseDsper(bad), bad).toBeUndefined();
  });

  it('formats back for the host side', () => {
    expect(formatDsper(1000)).toBe('000001');
    expect(formatDsper(500)).toBe('00000050');
    expect(formatDsper(3_723_000)).toBe('010203');
    expect(() => formatDsper(5)).toThrow(RangeError);
  });
});
