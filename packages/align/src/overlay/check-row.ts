import type { BadRow, OverlaySite } from './site.js';

export const REQUIRED_COLUMNS = ['wafer', 'X', 'Y', 'dx', 'dy'] as const;
export const FIELD_COLUMNS = ['field', 'x', 'y'] as const;

/** One row as column name -> raw value (string from CSV, any JSON value from JSON). */
export type RawRow = Record<string, unknown>;

/**
 * Validate one row: wafer and field ids non-empty, coordinates and overlay
 * finite numbers. The first problem found is reported with its column and value.
 */
export function checkRow(
  row: RawRow,
  line: number,
  hasField: boolean,
): { ok: true; site: OverlaySite } | { ok: false; issue: BadRow } {
  const wafer = idValue(row.wafer);
  if (wafer === undefined) return bad(line, 'wafer', row.wafer, 'wafer id is empty or not a string');
  const nums: Record<string, number> = {};
  const numeric = hasField ? ['X', 'Y', 'x', 'y', 'dx', 'dy'] : ['X', 'Y', 'dx', 'dy'];
  for (const c of numeric) {
    const v = numberValue(row[c]);
    if (v === undefined) return bad(line, c, row[c], 'is not a finite number');
    nums[c] = v;
  }
  const site: OverlaySite = {
    wafer,
    X: nums.X as number,
    Y: nums.Y as number,
    dx: nums.dx as number,
    dy: nums.dy as number,
    line,
  };
  if (hasField) {
    const field = idValue(row.field);
    if (field === undefined) return bad(line, 'field', row.field, 'field id is empty or not a string');
    site.field = field;
    site.x = nums.x as number;
    site.y = nums.y as number;
  }
  return { ok: true, site };
}

function bad(line: number, column: string, value: unknown, message: string) {
  const issue: BadRow = { line, column, message };
  if (value !== undefined) issue.value = typeof value === 'string' ? value : JSON.stringify(value);
  else issue.message = 'value missing';
  return { ok: false as const, issue };
}

function idValue(v: unknown): string | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  return t === '' ? undefined : t;
}

function numberValue(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v !== 'string' || v.trim() === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}
