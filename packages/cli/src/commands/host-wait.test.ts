// How long `bondline host` stays after its script: until the conversation is idle (every reply in),
// then it separates; with --wait it also listens for what the equipment sends on its own, until the
// time is up or the equipment closes the connection. No fixed grace period.
import { createServer, type Server, type Socket } from 'node:net';
import { encodeFrame, encodeItem, FrameParser, type HsmsFrame, SType, U4 } from '@bondline/secs';
import { afterEach, describe, expect, it } from 'vitest';
import { runBondline } from './e2e.test-util.js';

const data = (stream: number, fn: number, wBit: boolean, systemBytes: number) => ({
  sessionId: 0,
  stream,
  function: fn,
  wBit,
  pType: 0,
  sType: SType.data,
  systemBytes,
});

/** What a raw equipment received, by name: `select`, `linktest`, `separate`, `S1F1 W`, `S6F12`. */
const named = ({ header: h }: HsmsFrame): string => {
  if (h.sType === SType.data) return `S${h.stream}F${h.function}${h.wBit ? ' W' : ''}`;
  const control: Record<number, string> = {
    [SType.selectReq]: 'select',
    [SType.linktestReq]: 'linktest',
    [SType.separateReq]: 'separate',
  };
  return control[h.sType] ?? `SType ${h.sType}`;
};

/**
 * A raw HSMS equipment that answers Select (and Linktest), and hands every frame, one after another,
 * to `onData` (which may take its time: later frames wait, as on a busy equipment). `seen` lists
 * every frame received.
 */
function rawEquipment(
  onData: (frame: HsmsFrame, socket: Socket) => Promise<void> | void,
  seen: string[],
): (socket: Socket) => void {
  return (socket) => {
    let queue = Promise.resolve();
    const parser = new FrameParser((frame) => {
      seen.push(named(frame));
      queue = queue.then(async () => {
        const h = frame.header;
        if (h.sType === SType.selectReq)
          socket.write(encodeFrame({ ...h, sType: SType.selectRsp, function: 0 }));
        else if (h.sType === SType.linktestReq) socket.write(encodeFrame({ ...h, sType: SType.linktestRsp }));
        else if (h.sType === SType.data) await onData(frame, socket);
      });
    });
    socket.on('data', (chunk) => parser.push(chunk));
    socket.on('error', () => {});
  };
}

let server: Server | undefined;
afterEach(() => {
  server?.close();
  server = undefined;
});

async function listen(handler: (socket: Socket) => void): Promise<number> {
  server = createServer(handler);
  await new Promise<void>((res) => server!.listen(0, '127.0.0.1', res));
  return (server.address() as { port: number }).port;
}

const after = (ms: number) => new Promise((res) => setTimeout(res, ms));

describe('bondline host after its script', () => {
  it('waits for the reply to its last message however late it comes, then separates', async () => {
    const seen: string[] = [];
    // A slow equipment: 1.5 s to answer S1F1, longer than any fixed grace period would be.
    const port = await listen(
      rawEquipment(async ({ header: h }, socket) => {
        if (h.stream !== 1 || h.function !== 1) return;
        await after(1500);
        socket.write(encodeFrame(data(1, 2, false, h.systemBytes)));
      }, seen),
    );
    const r = await runBondline('host', ['--connect', `127.0.0.1:${port}`], 'S1F1 W.\n');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('-> S1F1 W.\n<- S1F2.\n');
    // The default --device-id (1) is the session id of this equipment's replies (a mismatch would be
    // named and exit 2); the host separates right after the reply.
    expect(seen).toEqual(['select', 'S1F1 W', 'separate']);
  });

  it('without --wait it does not stay for what the equipment sends later on its own', async () => {
    const seen: string[] = [];
    let event: NodeJS.Timeout | undefined;
    const port = await listen(
      rawEquipment(({ header: h }, socket) => {
        if (h.stream !== 1 || h.function !== 1) return;
        socket.write(encodeFrame(data(1, 2, false, h.systemBytes)));
        // Long after a host that is done has separated, however loaded the machine; cleared when it has.
        event = setTimeout(
          () => socket.write(encodeFrame(data(6, 11, true, 500), encodeItem(U4(7)))),
          30_000,
        );
        socket.on('close', () => clearTimeout(event));
      }, seen),
    );
    const r = await runBondline('host', ['--connect', `127.0.0.1:${port}`], 'S1F1 W.\n');
    clearTimeout(event);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('-> S1F1 W.\n<- S1F2.\n');
    expect(seen).toEqual(['select', 'S1F1 W', 'separate']);
  });

  it('--wait listens for what the equipment sends on its own and ends when the equipment closes', async () => {
    const seen: string[] = [];
    // Answers S1F1, then 500 ms later sends an event; closes the connection once it is acknowledged.
    const port = await listen(
      rawEquipment(({ header: h }, socket) => {
        if (h.stream === 1 && h.function === 1) {
          socket.write(encodeFrame(data(1, 2, false, h.systemBytes)));
          setTimeout(() => socket.write(encodeFrame(data(6, 11, true, 500), encodeItem(U4(7)))), 500);
        } else if (h.stream === 6 && h.function === 12) socket.end();
      }, seen),
    );
    // Ten minutes of --wait, ended by the equipment: a host that sat them out would fail the test by its
    // timeout (vitest.config.ts).
    const r = await runBondline('host', ['--connect', `127.0.0.1:${port}`, '--wait', '600000'], 'S1F1 W.\n');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      '-> S1F1 W.\n<- S1F2.\n<- S6F11 W <U4 7>.\n-> S6F12 <B 0x00>.\nequipment ended the session (HSMS not-connected)\n',
    );
    expect(seen).toEqual(['select', 'S1F1 W', 'S6F12']);
  });
});
