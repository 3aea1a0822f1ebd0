// How numbers and times read on the pages. Times are shown in UTC (a fab's shifts span time zones;
// the API's times are ms since the epoch, UTC).

/** `2026-01-05 08:00:03Z`. */
export function timeText(ms: number | undefined): string {
  if (ms === undefined) return '—';
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')}Z`;
}

/** Seconds as `3 h 12 min`, `45 min`, `12 s`. */
export function durationText(s: number | undefined): string {
  if (s === undefined || !Number.isFinite(s)) return '—';
  if (s < 60) return `${s.toFixed(0)} s`;
  if (s < 3600) return `${(s / 60).toFixed(0)} min`;
  const h = Math.floor(s / 3600);
  const m = Math.round((s - h * 3600) / 60);
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/** A 0..1 fraction as a percentage with one decimal. */
export function percentText(f: number | undefined): string {
  return f === undefined || !Number.isFinite(f) ? '—' : `${(f * 100).toFixed(1)} %`;
}
