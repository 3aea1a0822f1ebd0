import type { PadBlockKind, PadLayoutParams } from '../params.js';
import type { ConfigIssue } from './issues.js';

const kindOf: Record<string, PadBlockKind> = { C: 'critical', R: 'redundant', '.': 'empty' };

/**
 * Validate a pad layout written in a configuration: `{ blockUm, redundantCopies?, rows }`
 * where `rows` are strings drawn as seen from above, TOP row (maximum y) first,
 * one character per block: `C` critical, `R` redundant, `.` empty. Returns the
 * layout in the params convention (row 0 at minimum y) or pushes issues.
 */
export function parseLayout(
  raw: unknown,
  path: (string | number)[],
  die: { W: number; L: number },
  pitchUm: number,
  issues: ConfigIssue[],
): PadLayoutParams | undefined {
  const before = issues.length;
  const bad = (code: ConfigIssue['code'], p: (string | number)[], message: string): undefined => {
    issues.push({ code, path: p, message });
    return undefined;
  };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return bad(
      'invalid_type',
      path,
      'must be an object { blockUm, redundantCopies, rows } or a layout file path',
    );
  }
  const obj = raw as Record<string, unknown>;
  for (const k of Object.keys(obj)) {
    if (k !== 'blockUm' && k !== 'redundantCopies' && k !== 'rows') {
      bad('unknown_key', [...path, k], 'unknown key (allowed: blockUm, redundantCopies, rows)');
    }
  }
  const blockUm = obj.blockUm;
  if (typeof blockUm !== 'number' || !Number.isFinite(blockUm)) {
    bad('invalid_type', [...path, 'blockUm'], 'must be a number (µm)');
  } else if (blockUm < pitchUm || blockUm > Math.max(die.W, die.L)) {
    bad(
      'out_of_range',
      [...path, 'blockUm'],
      `${blockUm} µm is out of range (allowed [p, max(W, L)] = [${pitchUm}, ${Math.max(die.W, die.L)}])`,
    );
  }
  const copies = obj.redundantCopies ?? 1;
  if (typeof copies !== 'number' || !Number.isInteger(copies) || copies < 1 || copies > 64) {
    bad('out_of_range', [...path, 'redundantCopies'], `${String(copies)} is not an integer in [1, 64]`);
  }
  const rowsRaw = obj.rows;
  const rows: PadBlockKind[][] = [];
  if (!Array.isArray(rowsRaw) || rowsRaw.length === 0) {
    bad(
      'invalid_type',
      [...path, 'rows'],
      'must be a non-empty list of strings of C (critical), R (redundant), . (empty)',
    );
  } else {
    let width = -1;
    rowsRaw.forEach((r, i) => {
      if (typeof r !== 'string' || r.length === 0) {
        bad('invalid_type', [...path, 'rows', i], 'must be a non-empty string of C, R, .');
        return;
      }
      if (width < 0) width = r.length;
      else if (r.length !== width) {
        bad('invalid_layout', [...path, 'rows', i], `has ${r.length} blocks; row 0 has ${width}`);
      }
      const row: PadBlockKind[] = [];
      for (let c = 0; c < r.length; c++) {
        const k = kindOf[r[c]!];
        if (k === undefined) {
          bad('invalid_layout', [...path, 'rows', i], `column ${c + 1}: '${r[c]}' is not C, R or .`);
          break;
        }
        row.push(k);
      }
      rows.push(row);
    });
    if (typeof blockUm === 'number' && width > 0) {
      const tol = 1e-9 * Math.max(die.W, die.L);
      if (width * blockUm > die.W + tol || rowsRaw.length * blockUm > die.L + tol) {
        bad(
          'invalid_layout',
          [...path, 'rows'],
          `${width} x ${rowsRaw.length} blocks of ${blockUm} µm do not fit the ${die.W} x ${die.L} µm die`,
        );
      }
    }
  }
  if (issues.length > before) return undefined;
  // Config rows are drawn top row first; params count rows from minimum y.
  return { blockUm: blockUm as number, rows: rows.reverse(), redundantCopies: copies as number };
}
