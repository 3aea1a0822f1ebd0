import { decodeText, issue, visible } from '@bondline/core';
import { parseKlarf12 } from './klarf12.js';
import { parseKlarf18 } from './klarf18.js';
import { KlarfRefusal, refuse } from './refusal.js';
import { quoted, tokenize } from './tokens.js';
import type { KlarfOptions, KlarfResult } from './types.js';
import { toWafer } from './wafer.js';

/**
 * Largest KLARF text read (characters, or bytes before decoding): 16 Mi, about 450 000 defects of the
 * usual ten columns, far more than a wafer fit to bond carries. Parsing holds a token per value (about
 * 50 bytes of memory per byte of file), so the bound keeps what one file can take under about 1 GB.
 */
export const MAX_KLARF_LENGTH = 16 * 1024 * 1024;

/**
 * Parse a KLARF defect file, version 1.1/1.2 (flat records) or 1.8 (nested
 * records), from its bytes (decoded as UTF-8: a byte-order mark is dropped,
 * UTF-16, binary data and other encodings are refused) or its text. Pure.
 * Positions become wafer-centred µm:
 * `x = XINDEX*DiePitchX + DieOriginX + XREL - SampleCenterLocationX` (same
 * for y), then rotated so that the notch points down. Every number is checked
 * against `klarfLimits`. A malformed file gives one issue whose message names
 * the source, line and column (`top.klarf:25:11: YREL: '2S00.0' is not a number`)
 * and whose path is `line:column`.
 */
export function parseKlarf(input: string | Uint8Array, options: KlarfOptions): KlarfResult {
  const r = parse(input, options.source);
  // Messages are printed as they stand: name anything invisible (the source is a file name from outside).
  return r.ok ? r : { ok: false, issues: r.issues.map((i) => ({ ...i, message: visible(i.message) })) };
}

function parse(input: string | Uint8Array, source: string): KlarfResult {
  if (input.length > MAX_KLARF_LENGTH) {
    const unit = typeof input === 'string' ? 'characters' : 'bytes';
    return {
      ok: false,
      issues: [
        issue(
          'too-large',
          `${source}: ${input.length} ${unit} is more than the ${MAX_KLARF_LENGTH} a KLARF file may have`,
        ),
      ],
    };
  }
  let text: string;
  if (typeof input === 'string') text = input;
  else {
    const decoded = decodeText(input, source);
    if (!decoded.ok) return decoded;
    text = decoded.value;
  }
  try {
    const tokens = tokenize(text);
    const first = tokens[0];
    if (first === undefined) refuse({ line: 1, column: 1 }, 'empty file: no KLARF records');
    const raw =
      first.kind === 'word' && first.text === 'Record'
        ? parseKlarf18(tokens)
        : first.kind === 'word' && first.text === 'FileVersion'
          ? parseKlarf12(tokens)
          : refuse(
              first,
              `not a KLARF file: expected 'FileVersion' (1.2) or 'Record FileRecord' (1.8), found ${quoted(first)}`,
            );
    if (raw.wafers.length === 0) refuse(first, 'no wafer in the file', 'no-wafer');
    return { ok: true, value: { version: raw.version, wafers: raw.wafers.map(toWafer) } };
  } catch (err) {
    if (!(err instanceof KlarfRefusal)) throw err;
    const where = `${err.at.line}:${err.at.column}`;
    return { ok: false, issues: [issue(err.code, `${source}:${where}: ${err.text}`, where)] };
  }
}
