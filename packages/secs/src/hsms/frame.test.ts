import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeHeader, encodeDataFrame, encodeFrame, encodeHeader, type HsmsHeader } from './frame.js';
import { hex, s1f1 } from './test-frames.test-util.js';

describe('HSMS header', () => {
  it('encodes S1F1 W, session 100, system bytes 123 as in docs/secs.md §2.3', () => {
    expect(encodeHeader(s1f1)).toEqual(hex('00 64 81 01 00 00 00 00 00 7B'));
  });

  it('decodes the docs/secs.md §2.3 vector', () => {
    expect(decodeHeader(hex('00 64 81 01 00 00 00 00 00 7B'))).toEqual(s1f1);
  });

  it('keeps all 32 bits of the system bytes and the full session id', () => {
    const h: HsmsHeader = { ...s1f1, sessionId: 0xffff, systemBytes: 0xfedcba98 };
    expect(encodeHeader(h)).toEqual(hex('FF FF 81 01 00 00 FE DC BA 98'));
    expect(decodeHeader(encodeHeader(h))).toEqual(h);
  });

  it('reads byte 2 of a control message whole (Reject.req of PType 0x85)', () => {
    const h = decodeHeader(hex('FF FF 85 02 00 07 00 00 00 09'));
    expect(h).toEqual({
      sessionId: 0xffff,
      stream: 0x85,
      function: 2,
      wBit: false,
      pType: 0,
      sType: 7,
      systemBytes: 9,
    });
    expect(encodeHeader(h)).toEqual(hex('FF FF 85 02 00 07 00 00 00 09'));
  });

  it('refuses out-of-range fields as programmer errors', () => {
    expect(() => encodeHeader({ ...s1f1, stream: 128 })).toThrow(RangeError);
    expect(() => encodeHeader({ ...s1f1, sessionId: 0x10000 })).toThrow(RangeError);
    expect(() => encodeHeader({ ...s1f1, systemBytes: -1 })).toThrow(RangeError);
  });
});

describe('encodeFrame', () => {
  it('prefixes length = 10 + body, then header, then body', () => {
    // S1F2 reply with body <L[0]> = 01 00
    const f = encodeFrame({ ...s1f1, function: 2, wBit: false }, hex('01 00'));
    expect(f).toEqual(hex('00 00 00 0C  00 64 01 02 00 00 00 00 00 7B  01 00'));
  });

  it('header-only frame has length 10', () => {
    expect(
      encodeFrame({ ...s1f1, stream: 0, function: 0, wBit: false, sType: 5, sessionId: 0xffff }),
    ).toEqual(hex('00 00 00 0A FF FF 00 00 00 05 00 00 00 7B'));
  });
});

// Three frames written by hand: S1F1 W (no body), Linktest.req, S1F2 with <A "OK"> = 41 02 4F 4B.

describe('encodeDataFrame (the session send path)', () => {
  it('writes the docs/secs.md §2.3 S1F1 W header vector behind the length', () => {
    expect(encodeDataFrame(100, 1, 1, true, 123, new Uint8Array(0))).toEqual(
      hex('00 00 00 0A 00 64 81 01 00 00 00 00 00 7B'),
    );
    expect(encodeDataFrame(0xffff, 0x7f, 0xff, false, 0xffffffff, hex('B1 04 00 00 05 39'))).toEqual(
      hex('00 00 00 10 FF FF 7F FF 00 00 FF FF FF FF B1 04 00 00 05 39'),
    );
  });

  it('gives the same bytes as encodeFrame for any data header and body (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0xffff }),
        fc.integer({ min: 0, max: 0x7f }),
        fc.integer({ min: 0, max: 0xff }),
        fc.boolean(),
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.uint8Array({ maxLength: 40 }),
        (sessionId, stream, fn, wBit, systemBytes, body) => {
          const h: HsmsHeader = { sessionId, stream, function: fn, wBit, pType: 0, sType: 0, systemBytes };
          expect(encodeDataFrame(sessionId, stream, fn, wBit, systemBytes, body)).toEqual(
            encodeFrame(h, body),
          );
        },
      ),
    );
  });

  it('refuses out-of-range fields with RangeError', () => {
    const e = new Uint8Array(0);
    expect(() => encodeDataFrame(0x10000, 1, 1, false, 1, e)).toThrow(RangeError);
    expect(() => encodeDataFrame(1, 128, 1, false, 1, e)).toThrow(RangeError);
    expect(() => encodeDataFrame(1, 1, 256, false, 1, e)).toThrow(RangeError);
    expect(() => encodeDataFrame(1, 1, 1.5, false, 1, e)).toThrow(RangeError);
    expect(() => encodeDataFrame(1, 1, 1, false, 2 ** 32, e)).toThrow(RangeError);
    expect(() => encodeDataFrame(1, 1, 1, false, -1, e)).toThrow(RangeError);
  });
});
