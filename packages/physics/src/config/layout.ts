import { shown } from '@bondline/core';
import type { PadBlockKind, PadLayoutParams } from '../params.js';
import type { Finding } from './issues.js';

const kindOf: Record<string, PadBlockKind> = { C: 'critical', R: 'redundant', '.': 'empty' };

/** Most blocks a layout may draw (rows x columns): far beyond any die's block map, and a memory bound. */
export const MAX_LAYOUT_BLOCKS = 4_194_304; // 2048 x 2048

/**
 * Validate a pad layout written in a configuration: `{ blockUm, redundantCopies?, rows }`
 * where `rows` are strings drawn as seen from above, TOP row (maximum y) first,
 * one character per block: `C` critical, `R` redundant, `.` empty. Returns the
 * layout in the params convention (row 0 at minimum y) or pushes findings.
 */
export function parseLayout(
  raw: unknown,
  path: readonly (string | number)[],
  die: { W: number; L: number },
  pitchUm: number,
  findings: Finding[],
): PadLayoutParams | undefined {
  const before = findings.length;
  const bad = (code: Finding['code'], at: readonly (string | number)[], text: string): undefined => {
    findings.push({ code, at, text });
    return undefined;
  };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return bad(
      'wrong-type',
      path,
      `must be an object { blockUm, redundantCopies, rows } or a layout file path, not ${shown(raw)}`,
    );
  }
  const obj = raw as Record<string, unknown>;
  for (const k of Object.keys(obj)) {
    if (k !== 'blockUm' && k !== 'redundantCopies' && k !== 'rows') {
      bad('unknown-key', [...path, k], 'unknown key (allowed: blockUm, redundantCopies, rows)');
    }
  }
  const blockUm = obj.blockUm;
  const largest = Math.max(die.W, die.L);
  if (typeof blockUm !== 'number' || !Number.isFinite(blockUm)) {
    bad('wrong-type', [...path, 'blockUm'], `must be a finite number (µm), not ${shown(blockUm)}`);
  } else if (blockUm < pitchUm || blockUm > largest) {
    bad(
      'out-of-range',
      [...path, 'blockUm'],
      `${blockUm} µm is out of range (allowed [p, max(W, L)] = [${pitchUm}, ${largest}] µm)`,
    );
  }
  const copies = obj.redundantCopies ?? 1;
  if (typeof copies !== 'number' || !Number.isInteger(copies) || copies < 1 || copies > 64) {
    bad('out-of-range', [...path, 'redundantCopies'], `${shown(copies)} is not an integer in [1, 64]`);
  }
  const rowsRaw = obj.rows;
  const rows: PadBlockKind[][] = [];
  if (!Array.isArray(rowsRaw) || rowsRaw.length === 0) {
    bad(
      'wrong-type',
      [...path, 'rows'],
      'must be a non-empty list of strings of C (critical), R (redundant), . (empty)',
    );
  } else {
    const width = typeof rowsRaw[0] === 'string' ? rowsRaw[0].length : 0;
    if (width * rowsRaw.length > MAX_LAYOUT_BLOCKS) {
      return bad(
        'invalid-layout',
        [...path, 'rows'],
        `${rowsRaw.length} rows of ${width} blocks are more than the ${MAX_LAYOUT_BLOCKS} blocks a layout may have`,
      );
    }
    rowsRaw.forEach((r, i) => {
      if (typeof r !== 'string' || r.length === 0) {
        bad('wrong-type', [...path, 'rows', i], `must be a non-empty string of C, R, ., not ${shown(r)}`);
        return;
      }
      if (r.length !== width) {
        bad('invalid-layout', [...path, 'rows', i], `has ${r.length} blocks; row 0 has ${width}`);
        return;
      }
      const row: PadBlockKind[] = [];
      for (let c = 0; c < r.length; c++) {
        const k = kindOf[r[c]!];
        if (k === undefined) {
          bad('invalid-layout', [...path, 'rows', i], `column ${c + 1}: ${shown(r[c])} is not C, R or .`);
          break;
        }
        row.push(k);
      }
      rows.push(row);
    });
    if (typeof blockUm === 'number' && width > 0) {
      const tol = 1e-9 * largest;
      if (width * blockUm > die.W + tol || rowsRaw.length * blockUm > die.L + tol) {
        bad(
          'invalid-layout',
          [...path, 'rows'],
          `${width} x ${rowsRaw.length} blocks of ${blockUm} µm do not fit the ${die.W} x ${die.L} µm die`,
        );
      }
    }
  }
  if (findings.length > before) return undefined;
  // Config rows are drawn top row first; params count rows from minimum y.
  return { blockUm: blockUm as number, rows: rows.reverse(), redundantCopies: copies as number };
}
