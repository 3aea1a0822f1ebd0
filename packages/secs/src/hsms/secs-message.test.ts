import { describe, expect, it } from 'vitest';
import { L, U4 } from '../item/constructors.js';
import { toOutgoing, toSecsMessage } from './secs-message.js';

const base = { sessionId: 1, stream: 1, function: 3, wBit: true, systemBytes: 5 };

describe('SECS-II <-> HSMS data message', () => {
  it('encodes the item body (U4 1337 = B1 04 00 00 05 39, docs/secs.md §2.3)', () => {
    const out = toOutgoing({ stream: 1, function: 3, wBit: true, body: U4(1337) });
    expect(out.stream).toBe(1);
    expect(out.wBit).toBe(true);
    expect(Buffer.from(out.body!).toString('hex')).toBe('b10400000539');
    expect(toOutgoing({ stream: 1, function: 1, wBit: true }).body).toBeUndefined();
  });

  it('decodes a body, a header-only message, and reports a bad body as a value', () => {
    const r = toSecsMessage({ ...base, body: Buffer.from('0102B10400000001B10400000002', 'hex') });
    expect(r).toEqual({ ok: true, value: { stream: 1, function: 3, wBit: true, body: L(U4(1), U4(2)) } });
    expect(toSecsMessage({ ...base, body: new Uint8Array(0) })).toEqual({
      ok: true,
      value: { stream: 1, function: 3, wBit: true },
    });
    const bad = toSecsMessage({ ...base, body: Uint8Array.of(0xb1, 0x04) });
    expect(bad).toEqual({
      ok: false,
      issues: [
        {
          code: 'truncated',
          offset: 0,
          path: 'body',
          message: 'U4 item declares 4 bytes but only 0 follow at byte 0',
        },
      ],
    });
  });
});
