// Legal but large requests (E5 sets no count limit) are answered, not aborted and not fatal: S1F3,
// S1F11 and S2F13 with 249,999 ids (past V8's limit on spread arguments, about 125,000, and the most
// the decoder's default 250,000 items allow); an S2F23 of 100 SVIDs x REPGSZ 1,300 (one S6F1 of
// 130,000 values); a report of 130,000 VIDs sent, and spooled with the link down. Request bodies are
// written byte by byte here (E5 item headers), not by the encoder.
import { afterEach, describe, expect, it } from 'vitest';
import { header } from '../../codec/test-wire-writer.test-util.js';
import { FakeClock } from '../../hsms/fake-clock.js';
import { toSecsMessage } from '../../hsms/secs-message.js';
import type { Item } from '../../item/item.js';
import type { GemHostEvents } from '../host/gem-host.js';
import { dropLink, type Rig, startRig, startSpoolRig, withoutUnhandled } from './test-rig.test-util.js';

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

/** `L [n]` of U4 items, the i-th holding `idOf(i)`: `B1 04` + 4 bytes big-endian each. */
function u4List(n: number, idOf: (i: number) => number): Uint8Array {
  const head = header('L', n);
  const out = new Uint8Array(head.length + 6 * n);
  out.set(head, 0);
  const dv = new DataView(out.buffer);
  for (let i = 0; i < n; i++) {
    const at = head.length + 6 * i;
    out[at] = 0xb1;
    out[at + 1] = 4;
    dv.setUint32(at + 2, idOf(i));
  }
  return out;
}

/** Send a request whose body is `body` and decode the reply with room for its size. */
async function ask(
  r: Rig,
  stream: number,
  fn: number,
  body: Uint8Array,
): Promise<{ function: number; body: Item }> {
  const reply = await r.hostSession.send({ stream, function: fn, wBit: true, body });
  const d = toSecsMessage(reply!, { maxItems: 5_000_000 });
  if (!d.ok) throw new Error(d.issues[0]?.message);
  return { function: d.value.function, body: d.value.body! };
}

const listLength = (item: Item): number => (item.format === 'L' ? item.value.length : -1);

describe('requests with many ids', () => {
  it('S1F3, S1F11 and S2F13 with 249,999 ids get S1F4, S1F12, S2F14 of that length', async () => {
    const n = 249_999;
    const r = await startRig({ hsms: { t3Ms: 60_000 } });
    rig = r;
    expect(await r.host.requestOnline()).toBe(0);
    // SVID 12 (WafersBonded, U4) every 1,000th id; the rest are unknown.
    const body = u4List(n, (i) => (i % 1000 === 0 ? 12 : 1_000_000 + i));
    const s1f4 = await ask(r, 1, 3, body);
    expect(s1f4.function).toBe(4);
    expect(listLength(s1f4.body)).toBe(n);
    const values = s1f4.body.format === 'L' ? s1f4.body.value : [];
    expect(values[0]).toMatchObject({ format: 'U4' });
    expect(values[1]).toEqual({ format: 'L', value: [] });
    const s1f12 = await ask(r, 1, 11, body);
    expect([s1f12.function, listLength(s1f12.body)]).toEqual([12, n]);
    const s2f14 = await ask(r, 2, 13, body);
    expect([s2f14.function, listLength(s2f14.body)]).toEqual([14, n]);
  });
});

describe('large trace reports', () => {
  it('S2F23 with 100 SVIDs, REPGSZ 1,300 and TOTSMP 1,300 sends one S6F1 of 130,000 values', async () => {
    const clock = new FakeClock();
    const r = await startRig({ equipment: { clock } });
    rig = r;
    expect(await r.host.requestOnline()).toBe(0);
    const svids = Array.from({ length: 100 }, (_, i) => [10, 11, 12][i % 3]!);
    const trace = new Promise<GemHostEvents['trace']>((resolve) => r.host.on('trace', resolve));
    expect(await r.host.defineTrace({ trid: 7, dsper: '00000001', totsmp: 1300, repgsz: 1300, svids })).toBe(
      0,
    );
    clock.advance(1300 * 10); // 1,300 samples 10 ms apart
    const t = await trace;
    expect([t.trid, t.smpln, t.values.length]).toEqual([7, 1300, 130_000]);
  });
});

describe('a report of 130,000 VIDs', () => {
  it('is sent with the link up, and spooled when the event fires with the link down', async () => {
    const r = await startSpoolRig({ maxBytes: 8 * 1024 * 1024 });
    rig = r;
    const errors: string[] = [];
    r.equipment.on('error', (e) => errors.push(e.message));
    const unhandled = await withoutUnhandled(async () => {
      expect(await r.host.defineReports([{ rptid: 1, vids: Array(130_000).fill(12) }])).toBe(0);
      expect(await r.host.linkEvents([{ ceid: 400, rptids: [1] }])).toBe(0);
      expect((await r.host.setSpoolStreams([{ stream: 6, functions: [11] }])).rspack).toBe(0);
      const event = new Promise<GemHostEvents['event']>((resolve) => r.host.on('event', resolve));
      expect(await r.equipment.triggerEvent(400)).toBe(true);
      expect((await event).reports[0]!.items.length).toBe(130_000);
      await dropLink(r);
      expect(await r.equipment.triggerEvent(400)).toBe(false);
      expect(r.spool.countActual).toBe(1);
    });
    expect(unhandled).toEqual([]);
    expect(errors).toEqual([]);
  });
});
