// Known-answer bytes written by hand from E5 (format byte = code << 2 | length bytes; see docs/secs.md §2.2
// table: L 0x01, B 0x21, BOOLEAN 0x25, A 0x41, U1 0xA5, U2 0xA9, U4 0xB1, all with one length byte),
// then parse(build(x)) = x for each layout.
import { describe, expect, it } from 'vitest';
import { decodeItem } from '../../codec/decode.js';
import { encodeItem } from '../../codec/encode.js';
import { A, B, BOOLEAN, F8, I4, I8, L, U1, U2, U4, U8 } from '../../item/constructors.js';
import type { Item } from '../../item/item.js';
import { readBody } from '../../item/reader.js';
import type { SecsMessage } from '../../message.js';
import { ACKC7, HCACK } from './acks.js';
import * as s1 from './s1.js';
import * as s2c from './s2-constants.js';
import * as s2l from './s2-limits.js';
import * as s2x from './s2-remote.js';
import * as s2r from './s2-reports.js';
import * as s5 from './s5-alarms.js';
import * as s6 from './s6-events.js';
import * as s7 from './s7-recipes.js';
import { headerBytes, parseS9Header, s9 } from './s9-errors.js';
import * as s10 from './s10-terminal.js';

const hex = (m: SecsMessage): string =>
  m.body === undefined
    ? ''
    : Array.from(encodeItem(m.body), (b) => b.toString(16).padStart(2, '0'))
        .join(' ')
        .toUpperCase();
const bytes = (h: string): Item => {
  const r = decodeItem(Uint8Array.from(h.split(' ').map((x) => Number.parseInt(x, 16))));
  if (!r.ok) throw new Error(r.issues[0]?.message);
  return r.value;
};

describe('known-answer bodies', () => {
  it.each<[string, SecsMessage, string]>([
    ['S1F13 equipment', s1.s1f13({ mdln: 'M1', softrev: '1.0' }), '01 02 41 02 4D 31 41 03 31 2E 30'],
    ['S1F14 host', s1.s1f14(0), '01 02 21 01 00 01 00'],
    [
      'S2F33',
      s2r.s2f33(1, [{ rptid: 10, vids: [1, 2] }]),
      '01 02 B1 04 00 00 00 01 01 01 01 02 B1 04 00 00 00 0A 01 02 B1 04 00 00 00 01 B1 04 00 00 00 02',
    ],
    ['S2F37', s2r.s2f37(true, [5]), '01 02 25 01 01 01 01 B1 04 00 00 00 05'],
    [
      // LIMITID is E5 format 10, B [1] (21 01 01); 50.0 and 40.0 as IEEE 754 doubles 4049.. and 4044..
      'S2F45',
      s2l.s2f45(1, [{ vid: 10, limits: [{ limitId: 1, deadband: { upper: 50, lower: 40 } }] }]),
      '01 02 B1 04 00 00 00 01 01 01 01 02 B1 04 00 00 00 0A 01 01 01 02 21 01 01 01 02 81 08 40 49 00 00 00 00 00 00 81 08 40 44 00 00 00 00 00 00',
    ],
    [
      'S5F1',
      s5.s5f1({ alcd: 0x82, alid: 1, altx: 'Hot' }),
      '01 03 21 01 82 B1 04 00 00 00 01 41 03 48 6F 74',
    ],
    [
      'S6F11',
      s6.s6f11({ dataId: 0, ceid: 200, reports: [{ rptid: 1, values: [U1(3)] }] }),
      '01 03 B1 04 00 00 00 00 B1 04 00 00 00 C8 01 01 01 02 B1 04 00 00 00 01 01 01 A5 01 03',
    ],
    [
      'S2F41',
      s2x.s2f41({ rcmd: 'START', params: [{ name: 'PPID', value: A('X') }] }),
      '01 02 41 05 53 54 41 52 54 01 01 01 02 41 04 50 50 49 44 41 01 58',
    ],
    [
      'S9F5',
      s9(5, headerBytes({ sessionId: 1, stream: 1, function: 3, wBit: true, systemBytes: 7 })),
      '21 0A 00 01 81 03 00 00 00 00 00 07',
    ],
    ['S10F3', s10.s10f3(0, 'hi'), '01 02 21 01 00 41 02 68 69'],
    ['S7F1', s7.s7f1('R', 300), '01 02 41 01 52 B1 04 00 00 01 2C'],
  ])('%s', (_name, msg, want) => {
    expect(hex(msg)).toBe(want);
  });
  it('W bits and functions', () => {
    expect(s1.s1f1()).toEqual({ stream: 1, function: 1, wBit: true });
    expect(s6.s6f12(0)).toMatchObject({ stream: 6, function: 12, wBit: false });
    expect(s10.s10Ack(4, 0)).toMatchObject({ stream: 10, function: 4, wBit: false });
  });
});

describe('parsing what other hosts send', () => {
  it('S1F3 with U2 ids (a host may use any integer width); the item is kept for an echo', () => {
    expect(s1.parseS1f3(bytes('01 02 A9 02 00 01 A9 02 00 0B'))).toEqual([
      { item: U2(1), value: 1 },
      { item: U2(11), value: 11 },
    ]);
  });
  it('ids that can name nothing here: text, negative, above 2^32 - 1 (value undefined, item as received)', () => {
    // L[3]: A "SV", I4 -5, U8 2^32.
    expect(s1.parseS1f3(bytes('01 03 41 02 53 56 71 04 FF FF FF FB A1 08 00 00 00 01 00 00 00 00'))).toEqual([
      { item: A('SV'), value: undefined },
      { item: I4(-5), value: undefined },
      { item: U8(2n ** 32n), value: undefined },
    ]);
    // I8 4294967295 names id 2^32 - 1.
    expect(s1.parseS1f3(bytes('01 01 61 08 00 00 00 00 FF FF FF FF'))).toEqual([
      { item: I8(4294967295n), value: 4294967295 },
    ]);
  });
  it('S5F3 with ALED as B and ALID as U4, and with a zero-length ALID (all alarms)', () => {
    expect(s5.parseS5f3(bytes('01 02 21 01 80 B1 04 00 00 00 02'))).toEqual({
      enable: true,
      alid: { item: U4(2), value: 2 },
    });
    expect(s5.parseS5f3(bytes('01 02 21 01 00 B1 00'))).toEqual({ enable: false, alid: undefined });
  });
  it('a wrong shape is reported with its path', () => {
    const r = readBody(bytes('01 02 A5 01 01 01 01 01 02 81 08 00 00 00 00 00 00 00 00 01 00'), (b) =>
      s2r.parseS2f33(b.item),
    );
    expect(r).toEqual({
      ok: false,
      issues: [
        {
          code: 'unexpected-item',
          path: 'body[1][0][0]',
          message: 'body[1][0][0]: expected an id (one integer, or A), got F8',
        },
      ],
    });
  });
  it('DATAID as text (E5 allows A as well as integers)', () => {
    expect(s2r.parseS2f33(bytes('01 02 41 01 58 01 00'))).toEqual({ dataId: 'X', reports: [] });
    // S6F11 L[A "E7", U4 200, L[]]: a foreign equipment's text DATAID.
    expect(s6.parseEventReport(bytes('01 03 41 02 45 37 B1 04 00 00 00 C8 01 00'))).toEqual({
      dataId: 'E7',
      ceid: 200,
      reports: [],
    });
    expect(hex(s6.s6f11({ dataId: 'E7', ceid: 200, reports: [] }))).toBe(
      '01 03 41 02 45 37 B1 04 00 00 00 C8 01 00',
    );
  });
});

describe('round trips', () => {
  const rt = <T>(m: SecsMessage, parse: (b: Item | undefined) => T): T => parse(m.body);
  it('stream 1', () => {
    expect(rt(s1.s1f2({ mdln: 'X', softrev: 'Y' }), s1.parseIdentity)).toEqual({ mdln: 'X', softrev: 'Y' });
    expect(rt(s1.s1f2(), s1.parseIdentity)).toBeUndefined();
    expect(rt(s1.s1f14(1, { mdln: 'a', softrev: 'b' }), s1.parseS1f14)).toEqual({
      commack: 1,
      identity: { mdln: 'a', softrev: 'b' },
    });
    const names = [{ id: 3, name: 'P', unit: 'Pa' }];
    expect(rt(s1.s1f12(names), s1.parseS1f12)).toEqual(names);
    const ev = [{ ceid: 9, name: 'E', vids: [1, 2] }];
    expect(rt(s1.s1f24(ev), s1.parseS1f24)).toEqual(ev);
    expect(rt(s1.s1f4([U4(1), A('x')]), s1.parseS1f4)).toEqual([U4(1), A('x')]);
  });
  it('stream 2', () => {
    expect(rt(s2c.s2f15([{ ecid: 5, value: F8(1.5) }]), s2c.parseS2f15)).toEqual([
      { ecid: { item: U4(5), value: 5 }, value: F8(1.5) },
    ]);
    const ec = [{ ecid: 1, name: 'T', min: F8(0), max: F8(1), def: F8(0.5), unit: 'K' }];
    expect(rt(s2c.s2f30(ec), s2c.parseS2f30)).toEqual(ec);
    expect(rt(s2r.s2f35(2, [{ ceid: 3, rptids: [4] }]), s2r.parseS2f35)).toEqual({
      dataId: 2,
      links: [{ id: { item: U4(3), value: 3 }, ids: [{ item: U4(4), value: 4 }] }],
    });
    const cmd = { dataId: 1, objspec: 'OBJ', rcmd: 'GO', params: [{ name: 'N', value: U2(3) }] };
    expect(rt(s2x.s2f49(cmd), s2x.parseS2f49)).toEqual(cmd);
    const rep = { hcack: HCACK.invalidParameter, params: [{ name: 'N', cpack: 2 }] };
    expect(rt(s2x.s2f42(rep), s2x.parseCommandReply)).toEqual(rep);
  });
  it('streams 5, 6, 7, 9, 10', () => {
    const alarms = [{ alcd: 2, alid: 1, altx: 'a' }];
    expect(rt(s5.s5f6(alarms), s5.parseAlarmList)).toEqual(alarms);
    expect(rt(s5.s5f5([1, 2]), s5.parseS5f5)).toEqual([1, 2]);
    expect(s5.parseS5f5(I4([3, -1]))).toEqual([3, undefined]);
    expect(rt(s5.s5f5([]), s5.parseS5f5)).toEqual([]);
    const e = { dataId: 1, ceid: 2, reports: [{ rptid: 3, values: [BOOLEAN(true), L()] }] };
    expect(rt(s6.s6f16(e), s6.parseEventReport)).toEqual(e);
    const p = { ppid: 'R1', body: new Uint8Array([1, 2, 3]) };
    expect(rt(s7.s7f3(p.ppid, p.body), s7.parseProgram)).toEqual(p);
    expect(rt(s7.s7f6(undefined), s7.parseS7f6)).toBeUndefined();
    expect(rt(s7.s7f17(['a', 'b']), s7.parsePpidList)).toEqual(['a', 'b']);
    expect(rt(s7.s7f18(ACKC7.ppidNotFound), s1.parseAck)).toBe(4);
    expect(rt(s9(1, new Uint8Array(10)), parseS9Header)).toEqual(new Uint8Array(10));
    expect(() => s9(1, new Uint8Array(3))).toThrow(RangeError);
    expect(rt(s10.s10f5(1, ['a', 'b']), s10.parseS10f5)).toEqual({ terminal: 1, lines: ['a', 'b'] });
    expect(rt(s7.s7f3('x', new Uint8Array()), (b) => s7.parseProgram(b).ppid)).toBe('x');
    expect(s7.parseProgram(L(A('x'), A('ab'))).body).toEqual(new Uint8Array([97, 98]));
    expect(B([1]).format).toBe('B');
  });

  it('S7F1 LENGTH: any integer item of a byte count; a negative one is illegal data', () => {
    expect(s7.parseS7f1(L(A('R'), I4(300)))).toEqual({ ppid: 'R', lengthBytes: 300 });
    expect(() => s7.parseS7f1(L(A('R'), I4(-5)))).toThrow(/expected LENGTH >= 0, got -5/);
  });

  it('LIMITID is read from B [1] and, leniently, from an integer item', () => {
    const body = (lid: Item): Item => L(U4(1), L(L(U4(10), L(L(lid, L())))));
    const vid = { item: U4(10), value: 10 };
    expect(s2l.parseS2f45(body(B([3])))).toEqual([
      { vid, limits: [{ limitId: { item: B([3]), value: 3 } }] },
    ]);
    expect(s2l.parseS2f45(body(U1(3)))).toEqual([{ vid, limits: [{ limitId: { item: U1(3), value: 3 } }] }]);
    expect(() => s2l.parseS2f45(body(B([1, 2])))).toThrow(/LIMITID|U1|B|expected/);
  });
});
