// Child-process peer for hsms.bench.ts. Usage: node --import tsx hsms-peer.ts <hsms|raw>
// Listens on an ephemeral 127.0.0.1 port, prints `port <n>` on stdout, serves until stdin closes.
//   hsms: an HSMS passive session answering every S1F1 W with S1F2 <L [2] <A "BONDER"> <A "0.1.0">>.
//   raw:  a bare TCP server that reads length-prefixed frames and answers each with the same
//         bytes an HSMS S1F2 would take on the wire (the baseline: no protocol logic at all).
import { createServer } from 'node:net';
import { HsmsPassiveEndpoint, HsmsSession } from '../src/index.js';
import { S1F2_BODY, S1F2_FRAME } from './hsms-messages.js';

const mode = process.argv[2];

if (mode === 'hsms') {
  const session = new HsmsSession({ sessionId: 1 });
  session.onMessage((m) => (m.function === 1 ? { stream: 1, function: 2, body: S1F2_BODY } : undefined));
  const endpoint = new HsmsPassiveEndpoint(session, { host: '127.0.0.1', port: 0 });
  const { port } = await endpoint.listen();
  process.stdout.write(`port ${port}\n`);
  process.stdin.on('close', () => void endpoint.close().then(() => process.exit(0)));
  process.stdin.resume();
} else if (mode === 'raw') {
  const server = createServer({ noDelay: true }, (socket) => {
    // Count bytes of whole frames; answer each whole frame with one pre-built reply.
    let need = -1;
    let have: Buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      have = have.length === 0 ? chunk : Buffer.concat([have, chunk]);
      for (;;) {
        if (need < 0) {
          if (have.length < 4) break;
          need = 4 + have.readUInt32BE(0);
        }
        if (have.length < need) break;
        have = have.subarray(need);
        need = -1;
        socket.write(S1F2_FRAME);
      }
    });
    socket.on('error', () => {});
  });
  server.listen(0, '127.0.0.1', () => {
    const addr = server.address();
    process.stdout.write(`port ${typeof addr === 'object' && addr !== null ? addr.port : 0}\n`);
  });
  process.stdin.on('close', () => process.exit(0));
  process.stdin.resume();
} else {
  process.stderr.write('usage: hsms-peer.ts <hsms|raw>\n');
  process.exit(2);
}
