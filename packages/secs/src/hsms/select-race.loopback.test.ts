// The select race over real TCP: the passive side sends a data message the moment it is SELECTED
// (as GEM equipment sends S1F13), so its Select.rsp and that message are written back to back and
// usually reach the active side in one read. The active side must be SELECTED by the time it
// handles the message (see select-race.test.ts for the byte-exact version).
import { afterEach, describe, expect, it } from 'vitest';
import { HsmsActiveEndpoint } from './active-endpoint.js';
import { HsmsPassiveEndpoint } from './passive-endpoint.js';
import { HsmsSession } from './session.js';

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

describe('select race over loopback TCP', () => {
  it('a data message sent right behind the Select.rsp is answered, never rejected (20 connections)', async () => {
    const tool = new HsmsSession({ sessionId: 5 });
    const rejected: number[] = [];
    tool.on('rejected', (r) => rejected.push(r.reason));
    const answers: Array<Promise<unknown>> = [];
    tool.on('state', (s) => {
      if (s.to === 'selected') answers.push(tool.send({ stream: 1, function: 1, wBit: true }));
    });
    const passive = new HsmsPassiveEndpoint(tool, { host: '127.0.0.1', port: 0 });
    const { port } = await passive.listen();
    cleanup.push(() => passive.close());

    for (let i = 0; i < 20; i++) {
      const host = new HsmsSession({ sessionId: 5 });
      host.onMessage((m) => ({ stream: m.stream, function: m.function + 1 }));
      const active = new HsmsActiveEndpoint(host, { host: '127.0.0.1', port });
      active.start();
      await host.whenState('selected');
      await expect(answers[i]).resolves.toMatchObject({ stream: 1, function: 2 });
      active.dispose();
      await tool.whenState('not-connected');
    }
    expect(answers).toHaveLength(20);
    expect(rejected).toEqual([]);
  });
});
