// Child-process host for slow-reader.bench.ts. Usage: node --import tsx slow-reader-host.ts <port>
// Connects to the equipment, goes through the GEM set-up (report of 10 SVs linked to event 1, S2F43
// spooling of S6F11), prints `ready`, then stops reading its socket for good. Prints `closed` when
// the equipment drops the connection; never reconnects; exits when stdin closes.
import { connect } from 'node:net';
import { GemHost, HsmsActiveEndpoint, HsmsSession, socketTransport } from '../src/index.js';

const port = Number(process.argv[2]);
const session = new HsmsSession({ sessionId: 1 });
const host = new GemHost(session);
let socket: ReturnType<typeof connect> | undefined;
const endpoint = new HsmsActiveEndpoint(session, {
  host: '127.0.0.1',
  port,
  // Our own socket (not tcpConnect), so that this host can stop reading it with any version of the
  // transport.
  connect: (h, p) =>
    new Promise((resolve, reject) => {
      const s = connect({ host: h, port: p, noDelay: true });
      s.once('error', reject);
      s.once('connect', () => {
        socket = s;
        resolve(socketTransport(s));
      });
    }),
});
// HSMS timers are unref'd: stdin (closed by the bench when it is done) keeps this process alive.
process.stdin.on('close', () => process.exit(0));
process.stdin.resume();
endpoint.start();
await session.whenState('selected');
const ok = (step: string, v: number) => {
  if (v !== 0) throw new Error(`${step} refused: ${v}`);
};
// The host's own S1F13 (accepted in any state), so nothing races the equipment's.
ok('S1F13', (await host.establishCommunications()).commack);
ok('S1F17', await host.requestOnline().then((v) => (v === 2 ? 0 : v))); // 2: already online
ok('S2F33', await host.defineReports([{ rptid: 1, vids: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] }]));
ok('S2F35', await host.linkEvents([{ ceid: 1, rptids: [1] }]));
ok('S2F43', (await host.setSpoolStreams([{ stream: 6, functions: [11] }])).rspack);
session.on('state', (s) => {
  if (s.from !== 'selected') return;
  endpoint.dispose();
  process.stdout.write('closed\n');
});
socket!.pause(); // from here on this host reads nothing
process.stdout.write('ready\n');
