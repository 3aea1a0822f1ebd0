// `bondline host`: argument and input errors, and a script against an in-process equipment (the
// simulator driven by raw SML scripts is in equipment.test.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GemEquipment, HsmsPassiveEndpoint, HsmsSession, parseModelText } from '@bondline/secs';
import { afterEach, describe, expect, it } from 'vitest';
import { hasStackTrace, REPO_ROOT, runBondline } from './e2e.test-util.js';

const cli = ([command, ...args]: string[], input?: string) => runBondline(command!, args, input);

describe('bondline host errors', () => {
  it('bad address and bad SML are refused before connecting', async () => {
    const a = await cli(['host', '--connect', 'nowhere']);
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/--connect: 'nowhere' is not <addr:port>/);
    const b = await cli(['host', '--connect', '127.0.0.1:9'], 'S1F1 W <U4 1');
    expect(b.code).toBe(2);
    expect(b.stderr).toBe("bondline host: stdin:1:8: U4 item opened here is not closed with '>'\n");
    expect(hasStackTrace(a.stderr + b.stderr)).toBe(false);
  });
});

describe('bondline host against an equipment that establishes communications itself', () => {
  let stop: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await stop?.();
    stop = undefined;
  });

  it("a script that does not start with S1F13 is not aborted: it waits for the equipment's S1F13", async () => {
    const parsed = parseModelText(readFileSync(join(REPO_ROOT, 'examples/equipment.yaml'), 'utf8'));
    if (!parsed.ok) throw new Error('example model is invalid');
    parsed.value.control.initial = 'online-remote';
    const session = new HsmsSession({ sessionId: parsed.value.deviceId });
    const equipment = new GemEquipment({ model: parsed.value, session });
    await equipment.start();
    const endpoint = new HsmsPassiveEndpoint(session, { host: '127.0.0.1', port: 0 });
    const { port } = await endpoint.listen();
    stop = async () => {
      equipment.stop();
      await endpoint.close();
    };
    const r = await cli(['host', '--connect', `127.0.0.1:${port}`, '--wait', '0'], 'S1F3 W <L <U4 2>>.\n');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/<- S1F4 <L \[1\] <U1 5>>\./); // ControlState 5 = ONLINE REMOTE
    expect(r.stdout).not.toMatch(/S1F0/);
  });

  it("answers the equipment's S2F17 with S2F18 and the host's time (E30 clock)", async () => {
    const parsed = parseModelText(readFileSync(join(REPO_ROOT, 'examples/equipment.yaml'), 'utf8'));
    if (!parsed.ok) throw new Error('example model is invalid');
    const session = new HsmsSession({ sessionId: parsed.value.deviceId });
    const endpoint = new HsmsPassiveEndpoint(session, { host: '127.0.0.1', port: 0 });
    const { port } = await endpoint.listen();
    stop = () => endpoint.close();
    const asked = session
      .whenState('selected')
      .then(() => session.send({ stream: 2, function: 17, wBit: true }));
    // The host listens until this equipment ends the session, once it has its answer.
    const run = cli(['host', '--connect', `127.0.0.1:${port}`, '--wait', '600000'], '');
    const reply = await asked;
    await endpoint.close();
    const r = await run;
    expect(reply?.function).toBe(18);
    expect(r.stdout).toMatch(/-> S2F18 <A "\d{16}">\./);
  });
});
