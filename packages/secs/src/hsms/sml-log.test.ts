import { describe, expect, it } from 'vitest';
import type { CommLogEntry } from './comm-log.js';
import { memoryTransportPair } from './memory-transport.js';
import { HsmsSession } from './session.js';
import { createSmlLog, formatCommLogEntry } from './sml-log.js';

const header = { sessionId: 100, stream: 1, function: 3, wBit: true, pType: 0, sType: 0, systemBytes: 123 };

describe('SML communication log', () => {
  it('formats a data message with its body in SML (L[2] of U4 1, U4 2, bytes per docs/secs.md §2.2)', () => {
    // 01 02 = L[2]; B1 04 00 00 00 01 = U4 1; B1 04 00 00 00 02 = U4 2
    const body = Buffer.from('0102B10400000001B10400000002', 'hex');
    const e: CommLogEntry = { direction: 'out', header, body };
    expect(formatCommLogEntry(e)).toBe('out session=0064 sys=0000007B S1F3 W <L [2] <U4 1> <U4 2>>.');
  });

  it('formats header-only, control and undecodable messages', () => {
    expect(
      formatCommLogEntry({ direction: 'in', header: { ...header, function: 1 }, body: new Uint8Array(0) }),
    ).toBe('in  session=0064 sys=0000007B S1F1 W.');
    const ctl = {
      sessionId: 0xffff,
      stream: 0,
      function: 1,
      wBit: false,
      pType: 0,
      sType: 2,
      systemBytes: 1,
    };
    expect(formatCommLogEntry({ direction: 'in', header: ctl, body: new Uint8Array(0) })).toBe(
      'in  session=FFFF sys=00000001 Select.rsp status=1',
    );
    const bad = formatCommLogEntry({ direction: 'in', header, body: Uint8Array.of(0xb1, 0x04, 0x00) });
    expect(bad).toMatch(/^in {2}session=0064 sys=0000007B S1F3 W <undecodable 3 bytes: .*: b10400>\.$/);
  });

  it('logs both directions of a session with time stamps', async () => {
    const lines: string[] = [];
    const log = createSmlLog(
      { write: (t: string) => lines.push(t) },
      { now: () => new Date(Date.UTC(2026, 0, 2)) },
    );
    const [a, b] = memoryTransportPair();
    const host = new HsmsSession({ sessionId: 1, log });
    const tool = new HsmsSession({ sessionId: 1 });
    tool.attach(b, 'passive');
    host.attach(a, 'active');
    await host.whenState('selected');
    tool.onMessage(() => ({ stream: 1, function: 2, body: Uint8Array.of(0x01, 0x00) }));
    await host.send({ stream: 1, function: 1, wBit: true });
    expect(lines).toEqual([
      '2026-01-02T00:00:00.000Z out session=FFFF sys=00000001 Select.req\n',
      '2026-01-02T00:00:00.000Z in  session=FFFF sys=00000001 Select.rsp status=0\n',
      '2026-01-02T00:00:00.000Z out session=0001 sys=00000002 S1F1 W.\n',
      '2026-01-02T00:00:00.000Z in  session=0001 sys=00000002 S1F2 <L>.\n',
    ]);
  });
});
