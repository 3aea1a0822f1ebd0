// DSPER, the trace sampling period of S2F23: text hhmmss or hhmmsscc (cc = hundredths of a second).

/** DSPER to milliseconds, or undefined when it is not a valid, non-zero period. */
export function parseDsper(text: string): number | undefined {
  const m = /^(\d{2})(\d{2})(\d{2})(\d{2})?$/.exec(text);
  if (m === null) return undefined;
  const h = Number(m[1]);
  const min = Number(m[2]);
  const s = Number(m[3]);
  const cs = m[4] === undefined ? 0 : Number(m[4]);
  if (min > 59 || s > 59) return undefined;
  const ms = ((h * 60 + min) * 60 + s) * 1000 + cs * 10;
  return ms > 0 ? ms : undefined;
}

/** Milliseconds to DSPER (hhmmsscc when not a whole second, else hhmmss); for the host side. */
export function formatDsper(ms: number): string {
  if (!Number.isInteger(ms / 10) || ms <= 0 || ms >= 100 * 3600 * 1000)
    throw new RangeError(`${ms} ms is not a DSPER (10 ms steps, below 100 h)`);
  const cs = Math.round(ms / 10);
  const p = (n: number): string => String(n).padStart(2, '0');
  const s = Math.floor(cs / 100);
  const base = p(Math.floor(s / 3600)) + p(Math.floor(s / 60) % 60) + p(s % 60);
  return cs % 100 === 0 ? base : base + p(cs % 100);
}
