// Establish communications retry (E30 4.2.2): a refused S1F13 (COMMACK 1) puts the equipment in WAIT
// DELAY; after the EstablishCommunicationsTimeout EC (model `establishRetryS` when not declared) it
// sends S1F13 again, with the EC's value at the time of the refusal.
import { until } from '@bondline/core/testing';
import { describe, expect, it } from 'vitest';
import { HsmsActiveEndpoint } from '../../hsms/active-endpoint.js';
import { FakeClock } from '../../hsms/fake-clock.js';
import { HsmsPassiveEndpoint } from '../../hsms/passive-endpoint.js';
import { toOutgoing, toSecsMessage } from '../../hsms/secs-message.js';
import { HsmsSession } from '../../hsms/session.js';
import { U2 } from '../../item/constructors.js';
import type { SecsMessage } from '../../message.js';
import { parseAck, s1f14, s1f17 } from '../messages/s1.js';
import { s2f15 } from '../messages/s2-constants.js';
import { GemEquipment } from './gem-equipment.js';
import { recipeDirectory } from './recipe-directory.js';
import { exampleModel, setRetryDelay } from './test-rig.test-util.js';

describe('establish communications retry', () => {
  it('retries S1F13 after the configured delay when the host refuses (fake clock)', async () => {
    const model = exampleModel();
    setRetryDelay(model, 1);
    const clock = new FakeClock();
    const tool = new HsmsSession({ sessionId: 1 });
    const equipment = new GemEquipment({
      model,
      session: tool,
      clock,
      recipes: recipeDirectory('/nonexistent'),
    });
    const states: string[] = [];
    equipment.on('communication-state', (s) => states.push(s.to));
    await equipment.start();
    const passive = new HsmsPassiveEndpoint(tool, { host: '127.0.0.1', port: 0 });
    const { port } = await passive.listen();
    const host = new HsmsSession({ sessionId: 1 });
    let received = 0;
    host.onMessage((m) => {
      if (m.stream !== 1 || m.function !== 13) return undefined;
      received++;
      return toOutgoing(s1f14(received === 1 ? 1 : 0)); // refuse the first, accept the second
    });
    const active = new HsmsActiveEndpoint(host, { host: '127.0.0.1', port });
    try {
      active.start();
      // An earlier attempt can be rejected at the HSMS level (the host session still settling its
      // select), which adds one more WAIT DELAY round before the refusal: each round lasts the delay.
      for (;;) {
        await until(
          () => states.at(-1) === 'wait-delay' || states.at(-1) === 'communicating',
          'a refusal or communications established',
        );
        if (states.at(-1) === 'communicating') break;
        clock.advance(999);
        expect(equipment.communicationState).toBe('wait-delay');
        clock.advance(1);
        expect(equipment.communicationState).toBe('wait-cra');
      }
      expect(states.slice(-3)).toEqual(['wait-delay', 'wait-cra', 'communicating']);
      expect(states[0]).toBe('wait-cra');
      expect(received).toBe(2);
    } finally {
      equipment.stop();
      active.dispose();
      await passive.close();
    }
  });

  it('takes a new EstablishCommunicationsTimeout from S2F15 for the next retry (fake clock)', async () => {
    const model = exampleModel();
    setRetryDelay(model, 10);
    const clock = new FakeClock();
    const tool = new HsmsSession({ sessionId: 1 });
    const equipment = new GemEquipment({
      model,
      session: tool,
      clock,
      recipes: recipeDirectory('/nonexistent'),
    });
    const states: string[] = [];
    equipment.on('communication-state', (s) => states.push(s.to));
    const reached = (state: string, count: number): Promise<void> =>
      new Promise((res) => {
        const check = (): void => {
          if (states.filter((s) => s === state).length < count) return;
          off();
          res();
        };
        const off = equipment.on('communication-state', check);
        check();
      });
    await equipment.start();
    const passive = new HsmsPassiveEndpoint(tool, { host: '127.0.0.1', port: 0 });
    const { port } = await passive.listen();
    const host = new HsmsSession({ sessionId: 1, t5Ms: 1000 }); // reconnect after 1 s
    let accept = true;
    host.onMessage((m) =>
      m.stream === 1 && m.function === 13 ? toOutgoing(s1f14(accept ? 0 : 1)) : undefined,
    );
    const active = new HsmsActiveEndpoint(host, { host: '127.0.0.1', port });
    try {
      active.start();
      await reached('communicating', 1);
      const ask = async (msg: SecsMessage): Promise<number | false> => {
        const decoded = toSecsMessage((await host.send(toOutgoing(msg)))!);
        return decoded.ok && parseAck(decoded.value.body);
      };
      expect(await ask(s1f17())).toBe(0); // online: S2F15 is answered
      expect(await ask(s2f15([{ ecid: 1013, value: U2(3) }]))).toBe(0);
      // Link loss, then a refused S1F13 on reconnect: WAIT DELAY on the new 3 s, not the model's 10 s.
      accept = false;
      const down = tool.whenState('not-connected');
      active.stop();
      await down;
      active.start();
      await reached('wait-cra', 2);
      await reached('wait-delay', 2);
      accept = true;
      clock.advance(2999);
      expect(equipment.communicationState).toBe('wait-delay');
      clock.advance(1);
      expect(equipment.communicationState).toBe('wait-cra');
      await reached('communicating', 2);
    } finally {
      equipment.stop();
      active.dispose();
      await passive.close();
    }
  });
});
