// `bondline host` against a raw HSMS equipment: what arrives is printed in wire order (a reply and an
// equipment primary in one TCP chunk, E30: the equipment answers first, then reports what it caused),
// and a script stops when the equipment closes the connection under it.
import { createServer, type Server, type Socket } from 'node:net';
import { B, encodeFrame, encodeItem, FrameParser, SType, U4 } from '@bondline/secs';
import { afterEach, describe, expect, it } from 'vitest';
import { runBondline } from './e2e.test-util.js';

const data = (stream: number, fn: number, wBit: boolean, systemBytes: number) => ({
  sessionId: 1,
  stream,
  function: fn,
  wBit,
  pType: 0,
  sType: SType.data,
  systemBytes,
});

/**
 * A raw HSMS equipment (it never sends S1F13: the host waits 2 s for it): selects, answers S2F15 with
 * S2F16 and an S6F11 written in one chunk, and drops the connection on S1F3.
 */
function rawEquipment(socket: Socket): void {
  const parser = new FrameParser(({ header: h }) => {
    if (h.sType === SType.selectReq) socket.write(encodeFrame({ ...h, sType: SType.selectRsp, function: 0 }));
    else if (h.sType === SType.data && h.stream === 1 && h.function === 3) socket.destroy();
    else if (h.sType === SType.data && h.stream === 2 && h.function === 15) {
      const reply = encodeFrame(data(2, 16, false, h.systemBytes), encodeItem(B([0])));
      const event = encodeFrame(data(6, 11, true, 77), encodeItem(U4(9)));
      socket.write(Buffer.concat([reply, event]));
    }
  });
  socket.on('data', (chunk) => parser.push(chunk));
}

describe('bondline host print order', () => {
  let server: Server | undefined;
  afterEach(() => server?.close());

  it('prints a reply before the event written right behind it', async () => {
    server = createServer(rawEquipment);
    await new Promise<void>((res) => server!.listen(0, '127.0.0.1', res));
    const { port } = server.address() as { port: number };
    const r = await runBondline(
      'host',
      ['--connect', `127.0.0.1:${port}`, '--device-id', '1', '--wait', '300'],
      'S2F15 W <L <L <U4 1> <U4 2>>>.\n',
    );
    const lines = r.stdout.split('\n').filter((l) => l.startsWith('<-'));
    expect(lines).toEqual(['<- S2F16 <B 0x00>.', '<- S6F11 W <U4 9>.']);
  });

  it('stops the script when the equipment drops the connection, saying how many messages were not sent', async () => {
    server = createServer(rawEquipment);
    await new Promise<void>((res) => server!.listen(0, '127.0.0.1', res));
    const { port } = server.address() as { port: number };
    const script = `S2F15 W <L>.\n${'S1F3 W <L>.\n'.repeat(5)}`;
    const r = await runBondline('host', ['--connect', `127.0.0.1:${port}`, '--device-id', '1'], script);
    expect(r.code).toBe(1);
    expect(r.stdout.match(/-> S1F3/g)).toHaveLength(1);
    expect(r.stderr).toMatch(/S1F3: .*closed/);
    expect(r.stderr).toMatch(/equipment ended the session \(HSMS not-connected\): 4 messages not sent/);
  });
});
