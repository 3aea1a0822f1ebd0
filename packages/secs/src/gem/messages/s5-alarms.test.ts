import { describe, expect, it } from 'vitest';
import { alarmCode, parseS5f1, s5f1 } from './s5-alarms.js';

describe('ALCD', () => {
  it('puts the category in bits 1..7 and set in bit 8 (E5: 8 is data integrity)', () => {
    expect(alarmCode(true, 8)).toBe(0x88);
    expect(alarmCode(false, 8)).toBe(0x08);
    expect(alarmCode(true, 63)).toBe(0xbf);
    const msg = s5f1({ alcd: alarmCode(true, 8), alid: 4, altx: 'Checksum mismatch' });
    expect(msg.body).toMatchObject({
      format: 'L',
      value: [{ format: 'B', value: new Uint8Array([0x88]) }, {}, {}],
    });
    expect(parseS5f1(msg.body)).toEqual({ alcd: 0x88, alid: 4, altx: 'Checksum mismatch' });
  });

  it('refuses a category that would spill into the set bit', () => {
    expect(() => alarmCode(false, 128)).toThrow(/alarm category 128 does not fit ALCD bits 1..7/);
    expect(() => alarmCode(true, -1)).toThrow(RangeError);
  });
});
