import { describe, expect, it } from 'vitest';
import { closestKey } from './did-you-mean.js';

const plasma = ['gas', 'rfPowerW', 'timeS', 'pressurePa'];

describe('closestKey', () => {
  it('finds a key that differs in case, lacks its unit suffix, or is a typo away', () => {
    expect(closestKey('RFPOWERW', plasma)).toBe('rfPowerW');
    expect(closestKey('pressure', plasma)).toBe('pressurePa');
    expect(closestKey('tmeS', plasma)).toBe('timeS'); // one deletion
    expect(closestKey('timeSec', plasma)).toBe('timeS'); // two insertions
    expect(closestKey('gaz', plasma)).toBe('gas'); // short key: one substitution
  });

  it('suggests nothing when no key is close', () => {
    expect(closestKey('temperatureC', plasma)).toBeUndefined();
    expect(closestKey('xyz', plasma)).toBeUndefined();
    expect(closestKey('anything', [])).toBeUndefined();
  });
});
