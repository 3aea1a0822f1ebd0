// What every long-running `bondline fab` part shares: waiting for the signal that stops it, and
// listening on a port that may be taken.
import { CliError } from '../cli-error.js';

/** Resolves with the name of the first SIGINT or SIGTERM; listen before saying you are ready. */
export function untilSignal(): Promise<string> {
  return new Promise<string>((res) => {
    process.once('SIGINT', () => res('SIGINT'));
    process.once('SIGTERM', () => res('SIGTERM'));
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
