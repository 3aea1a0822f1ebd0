// E5 TIME in the three forms of E30's TimeFormat equipment constant, in UTC:
//   0: YYMMDDhhmmss (12 characters)
//   1: YYYYMMDDhhmmsscc (16 characters, cc = centiseconds; the default)
//   2: extended ISO 8601, YYYY-MM-DDThh:mm:ss.sTZD (here with milliseconds and Z)
// Every form is accepted on input whatever the equipment's TimeFormat (E30: the 12- and 16-character
// forms always, the extended form by equipment that supports format 2); 12-character years 00..99
// read as 2000..2099, an extended time's zone offset is applied.

/** E30 TimeFormat codes. */
export type TimeFormat = 0 | 1 | 2;

const p = (n: number, w = 2): string => String(n).padStart(w, '0');

/** Format epoch milliseconds as E5 TIME in `format` (default 1, YYYYMMDDhhmmsscc), UTC. */
export function formatGemTime(epochMs: number, format: TimeFormat = 1): string {
  const d = new Date(epochMs);
  const y = d.getUTCFullYear();
  const date = [p(d.getUTCMonth() + 1), p(d.getUTCDate())];
  const time = [p(d.getUTCHours()), p(d.getUTCMinutes()), p(d.getUTCSeconds())];
  const ms = d.getUTCMilliseconds();
  if (format === 0) return p(y % 100) + date.join('') + time.join('');
  if (format === 2) return `${p(y, 4)}-${date.join('-')}T${time.join(':')}.${p(ms, 3)}Z`;
  return p(y, 4) + date.join('') + time.join('') + p(Math.floor(ms / 10));
}

/** A TimeFormat code from an EC value; anything else is the default 1. */
export function toTimeFormat(v: unknown): TimeFormat {
  return v === 0 || v === 2 ? v : 1;
}

const LONG = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/;
const SHORT = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/;
const EXTENDED = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/;

interface Fields {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
  ms: number;
  /** Zone offset east of UTC, minutes. */
  zone: number;
}

/** The fields of a match whose groups 2..6 are month, day, hour, minute, second. */
function fromMatch(m: RegExpExecArray, y: number, ms: number, zone: number): Fields {
  const n = (i: number): number => Number(m[i] ?? '0');
  return { y, mo: n(2), d: n(3), h: n(4), mi: n(5), s: n(6), ms, zone };
}

function fieldsOf(text: string): Fields | undefined {
  let m = LONG.exec(text);
  if (m !== null) return fromMatch(m, Number(m[1]), Number(m[7]) * 10, 0);
  m = SHORT.exec(text);
  if (m !== null) return fromMatch(m, 2000 + Number(m[1]), 0, 0);
  m = EXTENDED.exec(text);
  if (m === null) return undefined;
  const tz = m[8] ?? 'Z';
  const zh = tz === 'Z' ? 0 : Number(tz.slice(1, 3));
  const zm = tz === 'Z' ? 0 : Number(tz.slice(4, 6));
  if (zh > 23 || zm > 59) return undefined;
  const ms = Number((m[7] ?? '').padEnd(3, '0').slice(0, 3));
  return fromMatch(m, Number(m[1]), ms, (tz.startsWith('-') ? -1 : 1) * (zh * 60 + zm));
}

/** Parse E5 TIME in any of the three forms to epoch ms; undefined when it is not a valid date. */
export function parseGemTime(text: string): number | undefined {
  const f = fieldsOf(text);
  if (f === undefined) return undefined;
  const local = Date.UTC(f.y, f.mo - 1, f.d, f.h, f.mi, f.s, f.ms);
  const back = new Date(local);
  // Reject 20260231 and the like, which Date.UTC would roll over into March.
  if (back.getUTCMonth() !== f.mo - 1 || back.getUTCDate() !== f.d || f.h > 23 || f.mi > 59 || f.s > 59)
    return undefined;
  return local - f.zone * 60_000;
}
