// E5 TIME in its 16-character form YYYYMMDDhhmmsscc (cc = centiseconds), in UTC. A 12-character
// YYMMDDhhmmss form is accepted on input (E5 allows it; years 00..99 read as 2000..2099).

/** Format epoch milliseconds as YYYYMMDDhhmmsscc (UTC). */
export function formatGemTime(epochMs: number): string {
  const d = new Date(epochMs);
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  return (
    p(d.getUTCFullYear(), 4) +
    p(d.getUTCMonth() + 1) +
    p(d.getUTCDate()) +
    p(d.getUTCHours()) +
    p(d.getUTCMinutes()) +
    p(d.getUTCSeconds()) +
    p(Math.floor(d.getUTCMilliseconds() / 10))
  );
}

/** Parse a 16- or 12-character E5 time to epoch ms (UTC); undefined when it is not a valid date. */
export function parseGemTime(text: string): number | undefined {
  let m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(text);
  if (m === null) {
    const s = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(text);
    if (s === null) return undefined;
    m = [s[0], `20${s[1]}`, s[2]!, s[3]!, s[4]!, s[5]!, s[6]!, '00'] as unknown as RegExpExecArray;
  }
  const [y, mo, d, h, mi, se, cs] = m.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const ms = Date.UTC(y, mo - 1, d, h, mi, se, cs * 10);
  const back = new Date(ms);
  // Reject 20260231 and the like, which Date.UTC would roll over into March.
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || se > 59)
    return undefined;
  return ms;
}
