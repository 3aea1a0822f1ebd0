// HSMS round trips between two processes on loopback, beside a raw TCP ping-pong of the same sizes.
// Prints the figures quoted in packages/secs/README.md (## HSMS).
import { type ChildProcess, spawn } from 'node:child_process';
import { connect } from 'node:net';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HsmsSession, tcpConnect } from '../src/index.js';
import { S1F1_FRAME, S1F2_FRAME } from './hsms-messages.js';

const here = dirname(fileURLToPath(import.meta.url));
const PING_PONG_N = Number(process.env.HSMS_BENCH_N ?? 2_000);
const PIPELINE_N = Number(process.env.HSMS_BENCH_PIPELINE_N ?? 200_000);
const WINDOW = 64;

async function startPeer(mode: 'hsms' | 'raw'): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(here, 'hsms-peer.ts'), mode], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let text = '';
    child.stdout!.on('data', (c: Buffer) => {
      text += c.toString();
      const m = /port (\d+)/.exec(text);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`peer ${mode} exited with ${code}`)));
  });
  return { child, port };
}

function stopPeer(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.stdin!.end();
  });
}

/** Raw TCP: write the S1F1 bytes, wait for all S1F2 bytes, repeat. Returns round trips/s. */
async function rawPingPong(port: number, n: number): Promise<number> {
  const socket = connect({ host: '127.0.0.1', port, noDelay: true });
  await new Promise<void>((r) => socket.once('connect', () => r()));
  const want = S1F2_FRAME.length;
  const run = (count: number) =>
    new Promise<number>((resolve) => {
      let got = 0;
      let left = count;
      const t0 = performance.now();
      const onData = (c: Buffer) => {
        got += c.length;
        while (got >= want) {
          got -= want;
          left--;
          if (left === 0) {
            socket.off('data', onData);
            resolve(performance.now() - t0);
            return;
          }
          socket.write(S1F1_FRAME);
        }
      };
      socket.on('data', onData);
      socket.write(S1F1_FRAME);
    });
  await run(500); // warm-up
  const ms = await run(n);
  socket.destroy();
  return (n / ms) * 1000;
}

async function hsmsSession(port: number): Promise<HsmsSession> {
  const session = new HsmsSession({ sessionId: 1 });
  session.attach(await tcpConnect('127.0.0.1', port), 'active');
  await session.whenState('selected');
  return session;
}

/** HSMS: send S1F1 W, await S1F2, repeat. Returns round trips/s. */
async function hsmsPingPong(session: HsmsSession, n: number): Promise<number> {
  const msg = { stream: 1, function: 1, wBit: true };
  for (let i = 0; i < 500; i++) await session.send(msg); // warm-up
  const t0 = performance.now();
  let replies = 0;
  for (let i = 0; i < n; i++) if ((await session.send(msg))?.function === 2) replies++;
  if (replies !== n) throw new Error(`ping-pong got ${replies} S1F2 replies for ${n} requests`);
  return (n / (performance.now() - t0)) * 1000;
}

/** HSMS with `window` transactions outstanding. Returns transactions/s. */
async function hsmsPipelined(session: HsmsSession, n: number, window: number): Promise<number> {
  const msg = { stream: 1, function: 1, wBit: true };
  let sent = 0;
  const t0 = performance.now();
  let replies = 0;
  const lane = async () => {
    while (sent < n) {
      sent++;
      const r = await session.send(msg);
      if (r?.function === 2 && r.body.length > 0) replies++;
    }
  };
  await Promise.all(Array.from({ length: window }, lane));
  if (replies !== n) throw new Error(`pipelined run got ${replies} S1F2 replies for ${n} requests`);
  return (n / (performance.now() - t0)) * 1000;
}

const fmt = (x: number) => Math.round(x).toLocaleString('en-US');

console.log(`machine: ${cpus().length} cores, ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`);
console.log(
  `messages: S1F1 W ${S1F1_FRAME.length} bytes on the wire, S1F2 ${S1F2_FRAME.length} bytes; peer in a child process`,
);

// Both peers run for the whole bench; short raw and HSMS rounds alternate so that load from other
// jobs on the machine hits both alike. Reported: median and best round of each, and the median of
// the HSMS/raw ratio of neighbouring rounds.
const ROUNDS = 25;
const raw = await startPeer('raw');
const hsms = await startPeer('hsms');
const session = await hsmsSession(hsms.port);
const rawRates: number[] = [];
const hsmsRates: number[] = [];
for (let i = 0; i < ROUNDS; i++) {
  rawRates.push(await rawPingPong(raw.port, PING_PONG_N));
  hsmsRates.push(await hsmsPingPong(session, PING_PONG_N));
}
await hsmsPipelined(session, 20_000, WINDOW); // warm-up
const pipeRates: number[] = [];
for (let i = 0; i < 3; i++) pipeRates.push(await hsmsPipelined(session, PIPELINE_N, WINDOW));
session.separate();
await Promise.all([stopPeer(raw.child), stopPeer(hsms.child)]);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};
const ratios = rawRates.map((r, i) => hsmsRates[i]! / r);
const list = (xs: number[]) => xs.map(fmt).join(', ');
console.log(
  `raw TCP ping-pong:          median ${fmt(median(rawRates))} round trips/s (rounds: ${list(rawRates)})`,
);
console.log(
  `HSMS S1F1/S1F2 one by one:  median ${fmt(median(hsmsRates))} round trips/s (rounds: ${list(hsmsRates)})`,
);
console.log(
  `HSMS / raw, same round:     median ${(median(ratios) * 100).toFixed(1)}% (rounds: ${ratios.map((r) => (r * 100).toFixed(1)).join(', ')}; target >= 85%)`,
);
const pipe = median(pipeRates);
console.log(
  `HSMS pipelined, ${WINDOW} open:   median ${fmt(pipe)} transactions/s = ${fmt(pipe * 2)} messages/s (${fmt(PIPELINE_N)} transactions per round, rounds: ${list(pipeRates)})`,
);
