import { describe, expect, it } from 'vitest';
import { decodeHeader, encodeFrame, encodeHeader, type HsmsHeader } from './frame.js';

// Independent writer: builds the bytes from hex text, not from the encoder under test.
const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');

const s1f1: HsmsHeader = {
  sessionId: 100,
  stream: 1,
  function: 1,
  wBit: true,
  pType: 0,
  sType: 0,
  systemBytes: 123,
};

describe('HSMS header', () => {
  it('encodes S1F1 W, session 100, system bytes 123 as in SECS.md', () => {
    expect(encodeHeader(s1f1)).toEqual(hex('00 64 81 01 00 00 00 00 00 7B'));
  });

  it('decodes the SECS.md vector', () => {
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
