// S9F1: a data message for another device id is answered with S9F1 carrying its header (E5 9.2).
// S9F13: a granted S7F1 conversation whose S7F3 never comes.
import { describe, expect, it } from 'vitest';
import { HsmsActiveEndpoint } from '../../hsms/active-endpoint.js';
import { FakeClock } from '../../hsms/fake-clock.js';
import { HsmsPassiveEndpoint } from '../../hsms/passive-endpoint.js';
import { toOutgoing } from '../../hsms/secs-message.js';
import { HsmsSession } from '../../hsms/session.js';
import type { HsmsMessage } from '../../hsms/transactions.js';
import { parseSml } from '../../sml/parse.js';
import { GemEquipment } from './gem-equipment.js';
import { recipeDirectory } from './recipe-directory.js';
import { exampleModel, next, roundTrip, startRig } from './test-rig.test-util.js';

describe('S9F1 unknown device id', () => {
  it('answers a message for device 2 sent to device 1 with S9F1 and the 10-byte header', async () => {
    const model = exampleModel();
    const tool = new HsmsSession({ sessionId: 1 });
    const equipment = new GemEquipment({ model, session: tool, recipes: recipeDirectory('/nonexistent') });
    await equipment.start();
    const passive = new HsmsPassiveEndpoint(tool, { host: '127.0.0.1', port: 0 });
    const { port } = await passive.listen();
    const stranger = new HsmsSession({ sessionId: 2 });
    const active = new HsmsActiveEndpoint(stranger, { host: '127.0.0.1', port });
    try {
      active.start();
      await stranger.whenState('selected');
      // The equipment's S9F1 carries device id 1, which is "unknown" to this session too.
      // (The equipment's own S1F13, also on device 1, arrives here too and is skipped.)
      const got = next<{ message: HsmsMessage }>((f) =>
        stranger.on('unknown-device', (e) => {
          if (e.message.stream === 9) f(e);
        }),
      );
      stranger
        .send({ stream: 1, function: 3, wBit: true, body: new Uint8Array([0x01, 0x00]) })
        .catch(() => {});
      const { message } = await got;
      expect([message.sessionId, message.stream, message.function]).toEqual([1, 9, 1]);
      // body: B[10] = 21 0A + header of our S1F3 W on device 2
      expect(Array.from(message.body.subarray(0, 6))).toEqual([0x21, 0x0a, 0x00, 0x02, 0x81, 0x03]);
    } finally {
      equipment.stop();
      active.dispose();
      await passive.close();
    }
  });
});

describe('S9F13 conversation timeout', () => {
  it('sends S9F13 <L <A "S7F3"> <A ppid>> when the granted program does not follow, and not when it does', async () => {
    // The conversation timeout on a fake clock: it runs out when the test says, never while a program
    // is on its way on a loaded machine.
    const clock = new FakeClock();
    const r = await startRig({ equipment: { conversationTimeoutMs: 150, clock } });
    try {
      expect(await r.host.requestOnline()).toBe(0);
      const orig = r.host;
      let s9f13 = 0;
      orig.on('error-message', (e) => {
        if (e.function === 13) s9f13++;
      });
      const seen = next<{ function: number }>((f) => orig.on('error-message', f));
      const grant = parseSml('S7F1 W <L <A "LATE"> <U4 10>>.');
      if (!grant.ok) throw new Error('sml');
      const reply = await r.hostSession.send(toOutgoing(grant.value[0]!));
      expect(Array.from(reply!.body)).toEqual([0x21, 0x01, 0x00]); // PPGNT 0
      clock.advance(150);
      expect((await seen).function).toBe(13);
      expect(await orig.uploadRecipe('ONTIME', new Uint8Array([1]))).toEqual({ ppgnt: 0, ackc7: 0 });
      clock.advance(150);
      await roundTrip(r);
      expect(s9f13).toBe(1); // only the abandoned conversation
    } finally {
      await r.close();
    }
  });
});
