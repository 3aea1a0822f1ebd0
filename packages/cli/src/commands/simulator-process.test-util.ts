// For end-to-end tests of `bondline equipment`: the simulator as a child process (so it can be killed
// like a crashed tool), and a GemHost connected to it.
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { until as coreUntil, TEST_DEADLINE_MS } from '@bondline/core/testing';
import { GemHost, HsmsActiveEndpoint, HsmsSession } from '@bondline/secs';
import { expect } from 'vitest';
import { REPO_ROOT } from './e2e.test-util.js';

const BIN = join(import.meta.dirname, '../../bin/bondline.js');
/** The shipped example model. */
export const MODEL = join(REPO_ROOT, 'examples/equipment.yaml');

/** What a test undoes after itself, last first (it runs them in its afterEach). */
export type Cleanups = Array<() => void | Promise<void>>;

export interface Simulator {
  proc: ChildProcess;
  port: number;
  out: () => string;
  err: () => string;
  exited: Promise<number | null>;
  /** Resolves once stdout matches. */
  printed: (re: RegExp) => Promise<void>;
}

/** `bondline equipment --port 0 --model <example> ...args`, once it listens; killed by the cleanup. */
export async function startSimulatorProcess(
  cleanups: Cleanups,
  args: string[],
  input?: string,
): Promise<Simulator> {
  const proc = spawn(process.execPath, [BIN, 'equipment', '--port', '0', '--model', MODEL, ...args]);
  let out = '';
  let err = '';
  const waiters: Array<{ re: RegExp; resolve: () => void }> = [];
  proc.stdout!.setEncoding('utf8');
  proc.stderr!.setEncoding('utf8');
  proc.stdout!.on('data', (c: string) => {
    out += c;
    for (const w of waiters.splice(0))
      if (w.re.test(out)) w.resolve();
      else waiters.push(w);
  });
  proc.stderr!.on('data', (c: string) => {
    err += c;
  });
  // 'close', not 'exit': by then stdout and stderr have been read to their end.
  const exited = new Promise<number | null>((res) => proc.on('close', (code) => res(code)));
  cleanups.push(() => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
  });
  if (input !== undefined) proc.stdin!.end(input);
  const printed = (re: RegExp): Promise<void> =>
    re.test(out)
      ? Promise.resolve()
      : new Promise((resolve, reject) => {
          waiters.push({ re, resolve });
          void exited.then(() =>
            reject(new Error(`simulator exited before printing ${re}:\n${out}\n${err}`)),
          );
        });
  await printed(/listening on port \d+/);
  const port = Number(/listening on port (\d+)/.exec(out)![1]);
  return { proc, port, out: () => out, err: () => err, exited, printed };
}

/** A GemHost connected to `port`, communicating and ONLINE, names learned; disposed by the cleanup. */
export async function connectOnlineHost(
  cleanups: Cleanups,
  port: number,
): Promise<{ host: GemHost; session: HsmsSession; active: HsmsActiveEndpoint }> {
  const session = new HsmsSession({ sessionId: 0, t5Ms: 1000 });
  const host = new GemHost(session);
  const active = new HsmsActiveEndpoint(session, { host: '127.0.0.1', port });
  cleanups.push(() => active.dispose());
  active.start();
  await session.whenState('selected');
  expect((await host.establishCommunications()).commack).toBe(0);
  expect(await host.requestOnline()).toBe(0);
  await host.learnNames();
  return { host, session, active };
}

/** Resolves once `done()` holds (core's until, with the name first as these tests read it). */
export function until(what: string, done: () => boolean, timeoutMs = TEST_DEADLINE_MS): Promise<void> {
  return coreUntil(done, what, { timeoutMs });
}
