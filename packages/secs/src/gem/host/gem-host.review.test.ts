// GemHost against a live equipment: an S9 naming a request ends it with a typed error at once
// (E5: the equipment discarded the primary and will not reply), instead of a T3 timeout.

import { until } from '@bondline/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { HsmsActiveEndpoint } from '../../hsms/active-endpoint.js';
import { HsmsPassiveEndpoint } from '../../hsms/passive-endpoint.js';
import { toOutgoing, toSecsMessage } from '../../hsms/secs-message.js';
import { HsmsSession } from '../../hsms/session.js';
import { A, B, L, U4 } from '../../item/constructors.js';
import { GemEquipment } from '../equipment/gem-equipment.js';
import { recipeDirectory } from '../equipment/recipe-directory.js';
import { exampleModel, type Rig, startRig } from '../equipment/test-rig.test-util.js';
import { type DataPrimary, GemHost, GemHostError, type HostEvent } from './gem-host.js';

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

describe('GemHost requests answered with S9', () => {
  it('fail with GemHostError rejected (S9F5, S9F7) long before T3; other requests are unaffected', async () => {
    // T3 of 60 s: a request that waited for it (instead of ending at the S9) fails with t3-timeout,
    // not 'rejected'.
    rig = await startRig({ hsms: { t3Ms: 60_000 } });
    const host = rig.host;
    expect(await host.requestOnline()).toBe(0);
    const unknownFn = host.request({ stream: 2, function: 99, wBit: true });
    const illegal = host.request({ stream: 1, function: 3, wBit: true, body: U4(1) });
    const fine = host.readStatusItems([12]);
    await expect(unknownFn).rejects.toBeInstanceOf(GemHostError);
    await expect(unknownFn).rejects.toMatchObject({ code: 'rejected', s9: 5 });
    await expect(illegal).rejects.toMatchObject({
      code: 'rejected',
      s9: 7,
      message: expect.stringMatching(
        /^equipment answered S1F3 \(system bytes \d+\) with S9F7 \(illegal data\)$/,
      ),
    });
    expect(await fine).toEqual([U4(0)]);
    // The next S1F3 is not failed by the S9 that was already used up.
    expect(await host.request({ stream: 1, function: 3, wBit: true, body: L() })).toMatchObject({
      function: 4,
    });
  });
});

describe('GemHost with the wrong device id', () => {
  it("S1F13 ends at the equipment's S9F1 (its own device id 1, ours 2), not at T3", async () => {
    const tool = new HsmsSession({ sessionId: 1 });
    const equipment = new GemEquipment({
      model: exampleModel(),
      session: tool,
      recipes: recipeDirectory('/nonexistent'),
    });
    await equipment.start();
    const passive = new HsmsPassiveEndpoint(tool, { host: '127.0.0.1', port: 0 });
    const { port } = await passive.listen();
    // T3 of 60 s: waiting for it instead of ending at the S9F1 would fail with t3-timeout.
    const session = new HsmsSession({ sessionId: 2, t3Ms: 60_000 });
    const host = new GemHost(session);
    const active = new HsmsActiveEndpoint(session, { host: '127.0.0.1', port });
    try {
      active.start();
      await session.whenState('selected');
      const err = await host.establishCommunications().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(GemHostError);
      expect(err).toMatchObject({
        code: 'rejected',
        s9: 1,
        s9Reason: 'unrecognized-device-id',
        message: expect.stringMatching(
          /^equipment answered S1F13 \(system bytes \d+\) with S9F1 \(unrecognized device id\); the equipment is device 1, this host uses device id 2$/,
        ),
      });
      expect(session.openTransactions).toBe(0);
    } finally {
      equipment.stop();
      active.dispose();
      await passive.close();
    }
  });
});

describe('GemHost answers the equipment', () => {
  it("S2F17 (the equipment asks the host's time, E30 clock) with S2F18 TIME from its wall clock", async () => {
    rig = await startRig();
    const host = new GemHost(rig.hostSession, { wallClock: () => Date.UTC(2031, 4, 6, 7, 8, 9, 120) });
    const reply = await rig.toolSession.send({ stream: 2, function: 17, wBit: true });
    expect(reply === undefined ? undefined : toSecsMessage(reply)).toEqual({
      ok: true,
      value: { stream: 2, function: 18, wBit: false, body: A('2031050607080912') },
    });
    expect(host.vidNames.size).toBe(0);
  });
});

describe('GemHost receives a foreign S6F11', () => {
  it('with a text DATAID (E5 allows A): acknowledged with ACKC6 0 and emitted with the text', async () => {
    rig = await startRig();
    const host = new GemHost(rig.hostSession);
    const got: HostEvent[] = [];
    host.on('event', (e) => got.push(e));
    const body = L(A('LOT-7/E1'), U4(200), L(L(U4(5), L(U4(42)))));
    const reply = await rig.toolSession.send(toOutgoing({ stream: 6, function: 11, wBit: true, body }));
    expect(reply === undefined ? undefined : toSecsMessage(reply)).toEqual({
      ok: true,
      value: { stream: 6, function: 12, wBit: false, body: B([0]) },
    });
    expect(got).toMatchObject([{ dataId: 'LOT-7/E1', ceid: 200, reports: [{ rptid: 5, items: [U4(42)] }] }]);
  });
});

describe('GemHost error event', () => {
  it('an equipment primary it cannot decode is an error with code bad-primary', async () => {
    rig = await startRig();
    const host = new GemHost(rig.hostSession);
    const error = new Promise<GemHostError>((resolve) => host.once('error', resolve));
    // S6F11 W whose body declares a U4 of 4 bytes and holds none: no reply comes (the tool's send
    // fails when the rig closes).
    rig.toolSession
      .send({ stream: 6, function: 11, wBit: true, body: Uint8Array.of(0xb1, 0x04) })
      .catch(() => {});
    expect(await error).toMatchObject({
      code: 'bad-primary',
      message: 'S6F11: U4 item declares 4 bytes but only 0 follow at byte 0',
    });
  });
});

describe('GemHost ackGate (acknowledge once durable)', () => {
  it('holds S6F12 and S5F2 until the gate resolves true; false sends no reply', async () => {
    rig = await startRig({ hsms: { t3Ms: 1000 } });
    const gates: { primary: DataPrimary; open: (go: boolean) => void }[] = [];
    new GemHost(rig.hostSession, {
      ackGate: (primary) => new Promise<boolean>((open) => gates.push({ primary, open })),
    });
    const event = L(U4(9), U4(200), L());
    const first = rig.toolSession.send(toOutgoing({ stream: 6, function: 11, wBit: true, body: event }));
    const alarm = L(B([0x85]), U4(7), A('door open'));
    const second = rig.toolSession.send(toOutgoing({ stream: 5, function: 1, wBit: true, body: alarm }));
    let firstAnswered = false;
    first.then(
      () => {
        firstAnswered = true;
      },
      () => {},
    );
    await until(() => gates.length === 2, 'both primaries at the gate');
    expect(gates.map((g) => g.primary.kind)).toEqual(['event', 'alarm']);
    expect(gates[1]?.primary).toMatchObject({ alarm: { alid: 7, set: true, altx: 'door open' } });
    expect(firstAnswered).toBe(false);
    gates[1]?.open(true);
    const reply = await second;
    expect(reply === undefined ? undefined : toSecsMessage(reply)).toEqual({
      ok: true,
      value: { stream: 5, function: 2, wBit: false, body: B([0]) },
    });
    expect(firstAnswered).toBe(false);
    gates[0]?.open(false);
    await expect(first).rejects.toMatchObject({ code: 't3-timeout' });
  });
});
