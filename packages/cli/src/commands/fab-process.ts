// What every long-running `bondline fab` part shares: waiting for the signal that stops it, and
// listening on a port that may be taken.
import { CliError } from '../cli-error.js';

/**
 * Resolves with the name of the first SIGINT or SIGTERM; listen before saying you are ready. Keeps the
 * process alive until then: a signal listener does not, and a part may hold nothing else that does (a
 * collector into SQLite whose tool link is down waits on HSMS timers, which are unref'd; without this,
 * Node ended such a collector with exit code 13 between two connection attempts).
 */
export function untilSignal(): Promise<string> {
  const alive = setInterval(() => {}, 1 << 30);
  return new Promise<string>((res) => {
    const on = (name: string) => () => {
      clearInterval(alive);
      res(name);
    };
    process.once('SIGINT', on('SIGINT'));
    process.once('SIGTERM', on('SIGTERM'));
  });
}

/** Run `listen`; a port that is taken or not allowed is a CliError (exit 2) naming it. */
export async function listenOrFail<T>(listen: () => Promise<T>, host: string, port: number): Promise<T> {
  try {
    return await listen();
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (code === 'EADDRINUSE')
      throw new CliError(`port ${port} on ${host} is taken (--port)`, { cause: err });
    if (code === 'EACCES')
      throw new CliError(`port ${port} on ${host} is not allowed (--port)`, { cause: err });
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND')
      throw new CliError(`cannot listen on ${host}: no such address here (--host)`, { cause: err });
    throw err;
  }
}

/** Every `everyMs` (default 10 s), print the line `line()` gives when it changed since the last one. */
export function everyFewSeconds(line: () => string, everyMs = 10_000): { stop(): void } {
  let shown = '';
  const timer = setInterval(() => {
    const now = line();
    if (now !== shown) process.stdout.write(`${now}\n`);
    shown = now;
  }, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
