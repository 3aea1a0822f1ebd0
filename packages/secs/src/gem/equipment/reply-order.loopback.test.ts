// E30's scenarios: the equipment answers a host primary, then reports what it caused. Driven with raw
// primaries (GemHost.request) and checked on the equipment's wire: the log of its session records
// every frame in the order written.
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../hsms/fake-clock.js';
import { A, B, F8, L, U4 } from '../../item/constructors.js';
import type { Item } from '../../item/item.js';
import type { SecsMessage } from '../../message.js';
import { hangingCommand, type Rig, startRig } from './test-rig.test-util.js';
import { Wire } from './wire-log.test-util.js';

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

const msg = (stream: number, fn: number, body?: Item): SecsMessage =>
  body === undefined ? { stream, function: fn, wBit: true } : { stream, function: fn, wBit: true, body };

async function start(wire: Wire, clock?: FakeClock): Promise<Rig> {
  rig = await startRig({ toolLog: wire, ...(clock === undefined ? {} : { equipment: { clock } }) });
  return rig;
}

/**
 * Ask `m` and then S1F13 (answered in any control state): its S1F14 comes after everything the
 * equipment wrote before it.
 */
async function exchange(r: Rig, wire: Wire, m: SecsMessage): Promise<string[]> {
  wire.clear();
  await r.host.request(m);
  await r.host.request(msg(1, 13, L()));
  return wire.frames;
}

describe('a host primary is answered before the events it causes', () => {
  it('S1F17 and S1F15: the reply, then the control-state event', async () => {
    const wire = new Wire();
    const r = await start(wire);
    expect(await exchange(r, wire, msg(1, 17))).toEqual(['S1F18', 'S6F11 CEID 103', 'S1F14']);
    expect(await exchange(r, wire, msg(1, 15))).toEqual(['S1F16', 'S6F11 CEID 101', 'S1F14']);
  });

  it('S2F15: S2F16, then ConstantChanged', async () => {
    const wire = new Wire();
    const r = await start(wire);
    expect(await r.host.requestOnline()).toBe(0);
    const set = L(L(U4(1000), F8(25_000)));
    expect(await exchange(r, wire, msg(2, 15, set))).toEqual(['S2F16', 'S6F11 CEID 300', 'S1F14']);
  });

  it('S2F41 START: S2F42, then ProcessingStarted', async () => {
    const wire = new Wire();
    const r = await start(wire);
    expect(await r.host.requestOnline()).toBe(0);
    const command = L(A('START'), L(L(A('PPID'), A('BOND-STD'))));
    expect(await exchange(r, wire, msg(2, 41, command))).toEqual(['S2F42', 'S6F11 CEID 200', 'S1F14']);
  });

  it("a command runner's alarm and events, and the tool's meanwhile, follow S2F42 in the order raised", async () => {
    const wire = new Wire();
    const r = await start(wire);
    expect(await r.host.requestOnline()).toBe(0);
    const { started: runnerStarted, finish } = hangingCommand(r.equipment, 'PAUSE', () => {
      void r.equipment.setAlarm(1); // S5F1, then its set event 500
    });
    wire.clear();
    const reply = r.host.request(msg(2, 41, L(A('PAUSE'), L())));
    await runnerStarted;
    // Raised by the tool while S2F41 is being handled: it waits too, behind what the runner raised.
    const toolEvent = r.equipment.triggerEvent(400);
    expect(wire.frames).toEqual([]);
    finish(0);
    expect((await reply).function).toBe(42);
    expect(await toolEvent).toBe(true);
    expect(wire.frames).toEqual(['S2F42', 'S5F1 ALID 1', 'S6F11 CEID 500', 'S6F11 CEID 400']);
    expect(wire.dataIds[1]).toBe(wire.dataIds[0]! + 1); // DATAID order is wire order
    // With the handler done, events go out at once again.
    wire.clear();
    expect(await r.equipment.triggerEvent(400)).toBe(true);
    expect(wire.frames).toEqual(['S6F11 CEID 400']);
  });

  it('a runner that awaits its own event is released after T3 instead of holding everything forever', async () => {
    const wire = new Wire();
    const clock = new FakeClock(); // the equipment's timers only; the HSMS sessions keep real time
    const r = await start(wire, clock);
    expect(await r.host.requestOnline()).toBe(0);
    const errors: string[] = [];
    r.equipment.on('error', (e) => errors.push(e.message));
    let running: () => void = () => {};
    const runnerStarted = new Promise<void>((res) => {
      running = res;
    });
    r.equipment.onCommand('PAUSE', async () => {
      const acknowledged = r.equipment.triggerEvent(400);
      running();
      return (await acknowledged) ? 0 : 2;
    });
    wire.clear();
    const reply = r.host.request(msg(2, 41, L(A('PAUSE'), L())));
    await runnerStarted;
    expect(wire.frames).toEqual([]);
    clock.advance(r.toolSession.config.t3Ms);
    expect((await reply).body).toEqual(L(B([0]), L())); // the event was acknowledged: HCACK 0
    expect(wire.frames).toEqual(['S6F11 CEID 400', 'S2F42']);
    expect(errors).toEqual([
      'handler for S2F41 did not answer within T3: the 1 primaries raised meanwhile went out before its reply',
    ]);
  });
});
