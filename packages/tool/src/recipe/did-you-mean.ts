// An unknown key in a hand-written file is usually a typo or a missing unit suffix (`rfPower` for
// `rfPowerW`); naming the key that was probably meant saves a trip to the docs.

/**
 * The known key closest to `key`, when it is close enough to be what was meant: the same ignoring
 * case, one that starts with it (a missing unit suffix), or at most two edits away (one for short
 * keys). Undefined otherwise.
 */
export function closestKey(key: string, known: readonly string[]): string | undefined {
  const lower = key.toLowerCase();
  const sameCase = known.find((k) => k.toLowerCase() === lower);
  if (sameCase !== undefined) return sameCase;
  const prefixed = known.find((k) => lower.length >= 3 && k.toLowerCase().startsWith(lower));
  if (prefixed !== undefined) return prefixed;
  const allowed = key.length <= 4 ? 1 : 2;
  let best: { k: string; d: number } | undefined;
  for (const k of known) {
    const d = editDistance(lower, k.toLowerCase());
    if (d <= allowed && (best === undefined || d < best.d)) best = { k, d };
  }
  return best?.k;
}

/** Levenshtein distance (insertions, deletions, substitutions), two rows of memory. */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const sub = (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      cur.push(Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, sub));
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}
