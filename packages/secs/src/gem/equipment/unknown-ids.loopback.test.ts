// Ids in any format E5 allows for them (any integer width, signed or not, and A for SVID, VID, ECID,
// CEID, RPTID; B for PPID) that name nothing here get the E5 answer for an unknown id, never SxF0 or
// S9F7: a zero-length item, an empty entry echoing the id as received, or the message's refusal code.
// Requests and expected replies are hand-written E5 bytes (docs/secs.md §2.2): 71 04 = I4,
// 69 02 = I2, A1 08 = U8, 41 = A, 21 01 = B [1], 25 01 = BOOLEAN [1], B1 04 = U4, 01 = L.
import { afterEach, describe, expect, it } from 'vitest';
import { hex } from '../../codec/test-wire-writer.test-util.js';
import { type Rig, startRig, startSpoolRig } from './test-rig.test-util.js';

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

const spaced = (b: Uint8Array): string =>
  Array.from(b, (x) => x.toString(16).padStart(2, '0'))
    .join(' ')
    .toUpperCase();

// [what, SxFy W, request body, reply function, reply body]
const CASES: [string, number, number, string, number, string][] = [
  [
    'S1F3 I4 -5 and A "SV": zero-length items',
    1,
    3,
    '01 02 71 04 FF FF FF FB 41 02 53 56',
    4,
    '01 02 01 00 01 00',
  ],
  [
    'S1F11 I4 -5: echoed, empty name and units',
    1,
    11,
    '01 01 71 04 FF FF FF FB',
    12,
    '01 01 01 03 71 04 FF FF FF FB 41 00 41 00',
  ],
  [
    'S1F21 A "X": echoed, empty name and units',
    1,
    21,
    '01 01 41 01 58',
    22,
    '01 01 01 03 41 01 58 41 00 41 00',
  ],
  [
    'S1F23 U8 2^32: echoed, empty name, no VIDs',
    1,
    23,
    '01 01 A1 08 00 00 00 01 00 00 00 00',
    24,
    '01 01 01 03 A1 08 00 00 00 01 00 00 00 00 41 00 01 00',
  ],
  ['S2F13 I2 -1: zero-length item', 2, 13, '01 01 69 02 FF FF', 14, '01 01 01 00'],
  ['S2F15 ECID I4 -1000: EAC 1', 2, 15, '01 01 01 02 71 04 FF FF FC 18 B1 04 00 00 00 05', 16, '21 01 01'],
  [
    'S2F29 A "EC": echoed, empty entry',
    2,
    29,
    '01 01 41 02 45 43',
    30,
    '01 01 01 06 41 02 45 43 41 00 41 00 41 00 41 00 41 00',
  ],
  [
    'S2F33 VID I4 -3: DRACK 4',
    2,
    33,
    '01 02 B1 04 00 00 00 01 01 01 01 02 B1 04 00 00 00 0A 01 01 71 04 FF FF FF FD',
    34,
    '21 01 04',
  ],
  [
    'S2F33 RPTID A "R" with VIDs: DRACK 2 (not a format reports can have here)',
    2,
    33,
    '01 02 B1 04 00 00 00 01 01 01 01 02 41 01 52 01 01 B1 04 00 00 00 0C',
    34,
    '21 01 02',
  ],
  [
    'S2F35 CEID I4 -400: LRACK 4',
    2,
    35,
    '01 02 B1 04 00 00 00 01 01 01 01 02 71 04 FF FF FE 70 01 00',
    36,
    '21 01 04',
  ],
  [
    'S2F35 RPTID A "R": LRACK 5',
    2,
    35,
    '01 02 B1 04 00 00 00 01 01 01 01 02 B1 04 00 00 01 90 01 01 41 01 52',
    36,
    '21 01 05',
  ],
  ['S2F37 CEID A "E": ERACK 1', 2, 37, '01 02 25 01 01 01 01 41 01 45', 38, '21 01 01'],
  [
    'S2F23 SVID I4 -1: TIAACK 4',
    2,
    23,
    '01 05 B1 04 00 00 00 01 41 06 30 30 30 30 30 31 B1 04 00 00 00 01 B1 04 00 00 00 01 01 01 71 04 FF FF FF FF',
    24,
    '21 01 04',
  ],
  [
    'S2F45 VID I4 -10: VLAACK 1, LVACK 1, echoed',
    2,
    45,
    '01 02 B1 04 00 00 00 01 01 01 01 02 71 04 FF FF FF F6 01 00',
    46,
    '01 02 21 01 01 01 01 01 03 71 04 FF FF FF F6 21 01 01 01 00',
  ],
  ['S2F47 A "V": echoed with L[0]', 2, 47, '01 01 41 01 56', 48, '01 01 01 02 41 01 56 01 00'],
  ['S5F3 ALID I4 -1: ACKC5 1', 5, 3, '01 02 21 01 80 71 04 FF FF FF FF', 4, '21 01 01'],
  ['S5F5 ALID I4 -1: left out of S5F6', 5, 5, '01 01 71 04 FF FF FF FF', 6, '01 00'],
  [
    'S6F15 CEID I4 -400: echoed, no reports',
    6,
    15,
    '71 04 FF FF FE 70',
    16,
    '01 03 B1 04 00 00 00 00 71 04 FF FF FE 70 01 00',
  ],
  ['S6F15 CEID A "E": echoed, no reports', 6, 15, '41 01 45', 16, '01 03 B1 04 00 00 00 00 41 01 45 01 00'],
  ['S6F19 RPTID A "R": L[0]', 6, 19, '41 01 52', 20, '01 00'],
  ['S7F1 PPID B 0x01: PPGNT 3', 7, 1, '01 02 21 01 01 B1 04 00 00 00 0A', 2, '21 01 03'],
  ['S7F5 PPID B 0x01: L[0]', 7, 5, '21 01 01', 6, '01 00'],
  ['S7F17 PPID B 0x01: ACKC7 4', 7, 17, '01 01 21 01 01', 18, '21 01 04'],
  [
    'S2F43 STRID I1 -1, no spool: RSPACK 1, STRACK 1, echoed',
    2,
    43,
    '01 01 01 02 65 01 FF 01 00',
    44,
    '01 02 21 01 01 01 01 01 03 65 01 FF 21 01 01 01 00',
  ],
];

// With a spool: STRIDs and FCNIDs that are not U1 values name no stream (STRACK 2) or function (3).
const SPOOL_CASES: [string, string, string][] = [
  [
    'STRID U2 300: STRACK 2',
    '01 01 01 02 A9 02 01 2C 01 00',
    '01 02 21 01 01 01 01 01 03 A9 02 01 2C 21 01 02 01 00',
  ],
  [
    'FCNID U4 2^20 of stream 6: STRACK 3 naming it',
    '01 01 01 02 A5 01 06 01 01 B1 04 00 10 00 00',
    '01 02 21 01 01 01 01 01 03 A5 01 06 21 01 03 01 01 B1 04 00 10 00 00',
  ],
];

describe('ids that name nothing here, in every format E5 allows', () => {
  it.each(CASES)('%s', async (_what, stream, fn, request, replyFn, reply) => {
    rig ??= await startRig();
    expect(await rig.host.requestOnline()).toBeLessThanOrEqual(2); // 0, or 2 when already online
    const answer = await rig.hostSession.send({ stream, function: fn, wBit: true, body: hex(request) });
    expect([answer?.stream, answer?.function]).toEqual([stream, replyFn]);
    expect(spaced(answer!.body)).toBe(reply);
  });
});

describe('S2F43 with stream and function ids that name nothing', () => {
  it.each(SPOOL_CASES)('%s', async (_what, request, reply) => {
    rig = await startSpoolRig();
    const answer = await rig.hostSession.send({ stream: 2, function: 43, wBit: true, body: hex(request) });
    expect([answer?.stream, answer?.function]).toEqual([2, 44]);
    expect(spaced(answer!.body)).toBe(reply);
  });
});
