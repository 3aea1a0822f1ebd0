// `bondline host`: a scriptable GEM host for engineers. Sends SML messages (from a script or stdin),
// prints each reply and every message the equipment sends as SML. Equipment primaries that need an
// answer (S1F1, S1F13, S5F1, S6F1, S6F11, S10F1) are acknowledged with code 0, S2F17 gets the host's
// time, others are aborted with SxF0.

import { createInterface } from 'node:readline';
import { decodeText, formatIssues } from '@bondline/core';
import {
  DEFAULT_HSMS_CONFIG,
  HsmsActiveEndpoint,
  type HsmsMessage,
  HsmsSession,
  isProgrammerError,
  type OutgoingMessage,
  parseSml,
  printSml,
  type SecsMessage,
  SType,
  toOutgoing,
  toSecsMessage,
} from '@bondline/secs';
import { numberArg, parseCommandArgs } from '../args.js';
import { CliError } from '../cli-error.js';
import { printHelp, usageError } from '../usage.js';
import { SmlLineBuffer } from './host-input.js';
import { answerFor, s9Discards } from './host-replies.js';
import { readTextInput } from './text-input.js';

const USAGE = 'bondline host --connect <addr:port> [--device-id n] [--script file.sml] [--wait ms] [--t3 s]';

/** The HSMS session id when --device-id is not given: the same default as an equipment model's deviceId. */
const DEFAULT_DEVICE_ID = DEFAULT_HSMS_CONFIG.sessionId;

const HELP = `usage: ${USAGE}
  Sends the SML messages of --script (or stdin; typed one by one on a terminal), prints each reply
  and whatever the equipment sends, in wire order, and answers the equipment's primaries.
  --device-id n  HSMS session id, 0..32767 (default ${DEFAULT_DEVICE_ID}, as bondline equipment's);
                 it must be the equipment's: a wrong one is named and the host stops (exit 2)
  --wait ms      after the script, keep listening this long (0..3600000, default 0) for what the
                 equipment sends on its own (events, alarms); ends early when the equipment
                 separates or closes the connection
  --t3 s         reply timeout T3, 1..120 s (default 45)
  The host stops when the conversation is idle, not after a fixed time: every message it sent with W
  has its reply (or an S9 naming it, or T3 ran out) and every primary the equipment sent has been
  answered; then it separates (Separate.req). What the equipment sends later on its own (events,
  alarms, an S9 for a message sent without W) is seen only with --wait.
Exit codes: 0 every message answered, 1 a message failed (no reply, an S9, T3, the session ended
early), 2 bad arguments, script or device id, 3 cannot connect.`;

/** How long a script waits for the equipment's S1F13 before sending anyway. */
const ESTABLISH_WAIT_MS = 2000;

function show(m: HsmsMessage): string {
  const d = toSecsMessage(m);
  return d.ok
    ? printSml(d.value, { compact: true })
    : `S${m.stream}F${m.function}${m.wBit ? ' W' : ''} // undecodable body: ${formatIssues(d.issues)}`;
}

/** Parse `addr:port` (IPv6 as `[::1]:5000`). */
function parseAddress(raw: string): { host: string; port: number } {
  const m = /^(?:\[([^\]]+)\]|([^:]+)):(\d+)$/.exec(raw);
  if (m === null) throw new CliError(`--connect: '${raw}' is not <addr:port>`);
  const port = Number(m[3]);
  if (port < 1 || port > 65535) {
    throw new CliError(`--connect: port ${m[3]} is out of range; allowed: an integer from 1 to 65535`);
  }
  return { host: m[1] ?? m[2]!, port };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  const text = decodeText(Buffer.concat(chunks), 'stdin');
  if (!text.ok) throw new CliError(formatIssues(text.issues));
  return text.value;
}

/**
 * The SML messages of `script` (stdin when undefined); a parse error is a CliError naming
 * `source:line:column`. A script file without any message is refused too; empty stdin is not (the
 * host then only listens for `--wait`).
 */
async function readScript(script: string | undefined): Promise<SecsMessage[]> {
  const text = script === undefined ? await readStdin() : await readTextInput(script, '--script');
  const parsed = parseSml(text, { source: script ?? 'stdin', allowEmpty: script === undefined });
  if (!parsed.ok) throw new CliError(formatIssues(parsed.issues));
  return parsed.value;
}

/** True once the session is selected, false if it is not within T5 + T6 (connect, then Select). */
function selectedInTime(session: HsmsSession): Promise<boolean> {
  const limitMs = session.config.t5Ms + session.config.t6Ms;
  return Promise.race([
    session.whenState('selected').then(() => true),
    new Promise<false>((res) => setTimeout(() => res(false), limitMs).unref()),
  ]);
}

export async function run(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs(
    argv,
    {
      connect: { type: 'string' },
      'device-id': { type: 'string' },
      script: { type: 'string' },
      wait: { type: 'string' },
      t3: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    'host',
  );
  if (values.help === true) return printHelp(HELP);
  if (values.connect === undefined) throw usageError('--connect is required', USAGE);
  const { host, port } = parseAddress(values.connect);
  const deviceId =
    numberArg('device-id', values['device-id'], { integer: true, min: 0, max: 32767 }) ?? DEFAULT_DEVICE_ID;
  const waitMs = numberArg('wait', values.wait, { integer: true, min: 0, max: 3_600_000 }) ?? 0;
  const t3 = numberArg('t3', values.t3, { integer: true, min: 1, max: 120 }) ?? 45;

  // A terminal on stdin (and no script) means an engineer typing: send each message as it completes.
  const interactive = values.script === undefined && process.stdin.isTTY === true;
  const scripted = interactive ? [] : await readScript(values.script);

  const out = (line: string): void => {
    process.stdout.write(`${line}\n`);
  };
  // Every data message is printed as its frame is read, so replies and the equipment's primaries
  // appear in wire order (a reply printed when its awaited promise settles could follow an event
  // that arrived right behind it).
  const session = new HsmsSession({
    sessionId: deviceId,
    t3Ms: t3 * 1000,
    log: {
      record: ({ direction, header: h, body }) => {
        if (direction === 'in' && h.sType === SType.data && h.pType === 0) out(`<- ${show({ ...h, body })}`);
      },
    },
  });
  // The script sends one message at a time; an S9 whose MHEAD names it means no reply will come
  // (E5 S9F3/5/7/11: the primary is discarded), so stop waiting instead of sitting out T3.
  let outstanding: { stream: number; function: number; rejected: (s9: string) => void } | undefined;
  // E30: until communications are established the equipment aborts everything but S1F13 (SxF0).
  let establishedByEquipment: () => void = () => {};
  const equipmentCr = new Promise<void>((res) => {
    establishedByEquipment = res;
  });
  session.onMessage((m): OutgoingMessage | undefined => {
    if (m.stream === 1 && m.function === 13) establishedByEquipment(); // our S1F14 is written before we go on
    if (outstanding !== undefined && s9Discards(m, outstanding)) outstanding.rejected(`S9F${m.function}`);
    if (!m.wBit) return undefined;
    const r = answerFor(m, Date.now());
    out(`-> ${printSml(r, { compact: true })}`);
    return toOutgoing(r);
  });
  session.on('error', (e) => process.stderr.write(`hsms: ${e.message}\n`));
  // A wrong --device-id would otherwise look like a silent hang until T3: the equipment answers with
  // its own session id (or S9F1), which this session cannot accept. Say so and stop.
  let wrongDevice: number | undefined;
  session.on('unknown-device', ({ message }) => {
    if (wrongDevice !== undefined) return;
    wrongDevice = message.sessionId;
    establishedByEquipment(); // nothing will be established: stop waiting for it
    process.stderr.write(
      `equipment sent S${message.stream}F${message.function} for device ${message.sessionId}, this host is --device-id ${deviceId}; rerun with --device-id ${message.sessionId}\n`,
    );
    endpoint.dispose();
  });
  const endpoint = new HsmsActiveEndpoint(session, { host, port });
  let lastError: Error | undefined;
  endpoint.on('connect-error', (e) => {
    lastError = e;
  });
  // HSMS timers are unref'd; hold the process open until the script is done.
  const keepAlive = setInterval(() => {}, 1 << 30);
  endpoint.start();
  if (!(await selectedInTime(session))) {
    clearInterval(keepAlive);
    endpoint.dispose();
    throw new CliError(
      `cannot connect to ${host}:${port}${lastError === undefined ? '' : `: ${lastError.message}`}`,
      { exitCode: 3 },
    );
  }
  // An equipment sends S1F13 as soon as it is selected; a script that does not open with its own S1F13
  // waits for it (bounded, for equipment that waits for the host instead), else its first message races
  // the establishment and is aborted.
  if (!interactive && !(scripted[0]?.stream === 1 && scripted[0].function === 13))
    await Promise.race([equipmentCr, new Promise((res) => setTimeout(res, ESTABLISH_WAIT_MS).unref())]);
  let failures = 0;
  const send = async (msg: SecsMessage): Promise<void> => {
    out(`-> ${printSml(msg, { compact: true })}`);
    try {
      const pending = session.send(toOutgoing(msg));
      // Once an S9 ended the wait, the transaction still fails at T3 or on close: nobody is listening.
      pending.catch(() => {});
      const rejection = new Promise<string>((res) => {
        if (msg.wBit === true) outstanding = { stream: msg.stream, function: msg.function, rejected: res };
      });
      const reply = await Promise.race([pending, rejection]);
      outstanding = undefined;
      if (typeof reply === 'string') {
        failures++;
        process.stderr.write(`S${msg.stream}F${msg.function}: no reply, the equipment answered ${reply}\n`);
      }
    } catch (err) {
      outstanding = undefined;
      // T3, a closed connection, a message over the size limit: said, and the script goes on. A bug is
      // not a failed message.
      if (isProgrammerError(err)) throw err;
      failures++;
      process.stderr.write(`S${msg.stream}F${msg.function}: ${(err as Error).message}\n`);
    }
  };
  if (interactive) {
    out(`connected to ${host}:${port}; type SML messages ending with '.', Ctrl-D to quit`);
    const buffer = new SmlLineBuffer();
    const rl = createInterface({ input: process.stdin });
    for await (const line of rl) {
      const r = buffer.push(line);
      if (!r.ok) process.stderr.write(`${formatIssues(r.issues)}\n`);
      else for (const msg of r.value) await send(msg);
    }
  } else {
    for (const [i, msg] of scripted.entries()) {
      if (wrongDevice !== undefined) break;
      // The equipment closed the connection (or separated): nothing more can be sent; say so once.
      if (session.state !== 'selected') {
        failures++;
        const left = scripted.length - i;
        process.stderr.write(
          `equipment ended the session (HSMS ${session.state}): ${left} message${left === 1 ? '' : 's'} not sent\n`,
        );
        break;
      }
      await send(msg);
    }
  }
  // The conversation is idle here: each message sent with W was awaited until its reply, an S9 naming
  // it, T3 or the end of the session, and the equipment's primaries were answered as they arrived.
  if (wrongDevice === undefined) await listenAfterScript(session, waitMs, out);
  clearInterval(keepAlive);
  endpoint.dispose();
  if (wrongDevice !== undefined)
    throw new CliError(`device id mismatch: the equipment is device ${wrongDevice}`);
  return failures === 0 ? 0 : 1;
}

/**
 * Keep printing what the equipment sends for `waitMs` after the last reply, or until the equipment
 * ends the session (Separate.req or a closed connection): then nothing more will come.
 */
async function listenAfterScript(
  session: HsmsSession,
  waitMs: number,
  out: (line: string) => void,
): Promise<void> {
  if (session.state !== 'selected' || waitMs === 0) return;
  await new Promise<void>((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      off();
      resolve();
    };
    const timer = setTimeout(done, waitMs);
    const off = session.on('state', (s) => {
      if (s.to === 'selected') return;
      out(`equipment ended the session (HSMS ${s.to})`);
      done();
    });
  });
}
