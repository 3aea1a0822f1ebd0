// Establish communications retry (E30 4.2.2): a refused S1F13 (COMMACK 1) puts the equipment in WAIT
// DELAY; after establishRetryS it sends S1F13 again.
import { describe, expect, it } from 'vitest';
import { HsmsActiveEndpoint } from '../../hsms/active-endpoint.js';
import { HsmsPassiveEndpoint } from '../../hsms/passive-endpoint.js';
import { toOutgoing } from '../../hsms/secs-message.js';
import { HsmsSession } from '../../hsms/session.js';
import { s1f14 } from '../messages/s1.js';
import { GemEquipment } from './gem-equipment.js';
import { recipeDirectory } from './recipe-directory.js';
import { exampleModel, setRetryDelay } from './test-rig.js';

describe('establish communications retry', () => {
  it('retries S1F13 after the configured delay when the host refuses', async () => {
    const model = exampleModel();
    setRetryDelay(model, 1);
    const tool = new HsmsSession({ sessionId: 1 });
    const equipment = new GemEquipment({ model, session: tool, recipes: recipeDirectory('/nonexistent') });
    const states: string[] = [];
    equipment.on('communication-state', (s) => states.push(s.to));
    await equipment.start();
    const passive = new HsmsPassiveEndpoint(tool, { host: '127.0.0.1', port: 0 });
    const { port } = await passive.listen();
    const host = new HsmsSession({ sessionId: 1 });
    const at: number[] = [];
    host.onMessage((m) => {
      if (m.stream !== 1 || m.function !== 13) return undefined;
      at.push(performance.now());
      return toOutgoing(s1f14(at.length === 1 ? 1 : 0)); // refuse the first, accept the second
    });
    const active = new HsmsActiveEndpoint(host, { host: '127.0.0.1', port });
    try {
      const done = new Promise<void>((res) =>
        equipment.on('communication-state', (s) => {
          if (s.to === 'communicating') res();
        }),
      );
      active.start();
      await done;
      // Under load an earlier attempt can be rejected at the HSMS level (the host session still settling
      // its select), which adds one more WAIT DELAY round before the refusal; the end is always this:
      expect(states.slice(-3)).toEqual(['wait-delay', 'wait-cra', 'communicating']);
      expect(states[0]).toBe('wait-cra');
      expect(at.length).toBe(2);
      expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(950); // 1 s delay, timer granularity allowed
    } finally {
      equipment.stop();
      active.dispose();
      await passive.close();
    }
  });
});
