import { B, encodeItem, type HsmsMessage, L } from '@bondline/secs';
import { describe, expect, it } from 'vitest';
import { answerFor, s9Discards } from './host-replies.js';

function s9(fn: number, mhead: number[]): HsmsMessage {
  return {
    sessionId: 1,
    stream: 9,
    function: fn,
    wBit: false,
    systemBytes: 7,
    body: encodeItem(B(mhead)),
  };
}

// MHEAD of an S2F41 W primary: session 1, W bit on stream byte, function 41, system bytes 5.
const S2F41_W = [0, 1, 0x82, 41, 0, 0, 0, 0, 0, 5];

describe('bondline host answers', () => {
  it('acknowledges the known primaries with code 0, S2F17 with the host time, others with SxF0', () => {
    expect(answerFor({ stream: 6, function: 11 }, 0)).toEqual({
      stream: 6,
      function: 12,
      wBit: false,
      body: B([0]),
    });
    expect(answerFor({ stream: 1, function: 13 }, 0).body).toEqual(L(B([0]), L()));
    const t = Date.UTC(2026, 10, 24, 8, 9, 10, 120);
    expect(answerFor({ stream: 2, function: 17 }, t)).toMatchObject({ stream: 2, function: 18 });
    expect(answerFor({ stream: 2, function: 17 }, t).body).toEqual({
      format: 'A',
      value: '2026112408091012',
    });
    expect(answerFor({ stream: 7, function: 1 }, 0)).toEqual({ stream: 7, function: 0, wBit: false });
  });

  it('an S9F1/3/5/7/11 whose MHEAD names the awaited request discards it; S9F9 and other requests do not', () => {
    const req = { stream: 2, function: 41 };
    for (const fn of [1, 3, 5, 7, 11]) expect(s9Discards(s9(fn, S2F41_W), req)).toBe(true);
    expect(s9Discards(s9(9, S2F41_W), req)).toBe(false);
    expect(s9Discards(s9(7, S2F41_W), { stream: 2, function: 15 })).toBe(false);
    expect(s9Discards(s9(7, [0, 1, 0x82]), req)).toBe(false); // not a 10-byte header
  });
});
