import { numberOf } from './limits.js';
import type { RawLot, RawWafer } from './raw.js';
import { type Place, refuse } from './refusal.js';
import { quoted, type Token } from './tokens.js';

/** Deepest nesting of Record blocks read (a real file nests FileRecord > LotRecord > WaferRecord). */
const MAX_RECORD_DEPTH = 16;

interface Cursor {
  tokens: Token[];
  i: number;
}

function peek(c: Cursor): Token | undefined {
  return c.tokens[c.i];
}

/** The next token, consumed; at the end of the file a refusal saying what was expected. */
function next(c: Cursor, what: string): Token {
  const t = c.tokens[c.i];
  if (t === undefined) {
    const last: Place = c.tokens[c.tokens.length - 1] ?? { line: 1, column: 1 };
    refuse(last, `unexpected end of file, expected ${what}`);
  }
  c.i++;
  return t;
}

/** Consume the punctuation `{`, `}` or `;`, or a keyword, refusing anything else. */
function expect(c: Cursor, text: string, context: string): Token {
  const t = next(c, `'${text}' ${context}`);
  const kind = text === '{' || text === '}' || text === ';' ? 'punct' : 'word';
  if (t.text !== text || t.kind !== kind) refuse(t, `expected '${text}' ${context}, found ${quoted(t)}`);
  return t;
}

function isPunct(t: Token, text: string): boolean {
  return t.kind === 'punct' && t.text === text;
}

/** Values of `{ v, v, ... }` (commas optional between values). */
function values(c: Cursor, context: string): Token[] {
  expect(c, '{', context);
  const out: Token[] = [];
  for (;;) {
    const t = next(c, `'}' closing ${context}`);
    if (isPunct(t, '}')) return out;
    if (isPunct(t, ',')) continue;
    if (t.kind === 'punct') refuse(t, `unexpected '${t.text}' in ${context}`);
    out.push(t);
  }
}

interface Ctx {
  wafers: RawWafer[];
  lot: RawLot;
  wafer?: RawWafer;
}

/**
 * KLARF 1.8: nested `Record <type> "<id>" { ... }` blocks holding
 * `Field <name> <n> { values }` and `List <name> { Columns <n> { type name, ... }
 * Data <n> { row; row; ... } }`. LotRecord fields apply to its wafers;
 * WaferRecord holds the DefectList. Every loop consumes a token per pass and
 * the records nest at most MAX_RECORD_DEPTH deep, so no input can loop or
 * exhaust the stack.
 */
export function parseKlarf18(tokens: Token[]): { version: '1.8'; wafers: RawWafer[] } {
  const c: Cursor = { tokens, i: 0 };
  expect(c, 'Record', 'at the start of a KLARF 1.8 file');
  const type = next(c, 'FileRecord');
  if (type.text !== 'FileRecord') refuse(type, `expected FileRecord, found ${quoted(type)}`);
  const ver = next(c, 'the file version');
  if (ver.text !== '1.8') {
    refuse(
      ver,
      `FileRecord version ${quoted(ver)} is not supported (1.1, 1.2 or 1.8)`,
      'unsupported-version',
    );
  }
  const ctx: Ctx = { wafers: [], lot: { lotId: '' } };
  block(c, ctx, 'FileRecord', 1);
  const end = peek(c);
  if (end !== undefined) {
    if (end.text !== 'EndOfFile') refuse(end, `unexpected ${quoted(end)} after FileRecord`);
    c.i++;
    const semi = peek(c);
    if (semi !== undefined && isPunct(semi, ';')) c.i++;
    const extra = peek(c);
    if (extra !== undefined) refuse(extra, `unexpected ${quoted(extra)} after EndOfFile`);
  }
  return { version: '1.8', wafers: ctx.wafers };
}

function block(c: Cursor, ctx: Ctx, owner: string, depth: number): void {
  expect(c, '{', `opening ${owner}`);
  for (;;) {
    const t = next(c, `'}' closing ${owner}`);
    if (isPunct(t, '}')) return;
    if (t.kind === 'word' && t.text === 'Record') record(c, ctx, t, depth + 1);
    else if (t.kind === 'word' && t.text === 'Field') field(c, ctx);
    else if (t.kind === 'word' && t.text === 'List') list(c, ctx);
    else refuse(t, `expected Record, Field or List in ${owner}, found ${quoted(t)}`);
  }
}

function record(c: Cursor, ctx: Ctx, kw: Token, depth: number): void {
  if (depth > MAX_RECORD_DEPTH) {
    refuse(kw, `records nest deeper than ${MAX_RECORD_DEPTH} levels (a KLARF file needs 3)`, 'too-deep');
  }
  const type = next(c, 'a record type');
  const id = next(c, `the ${type.text} id`);
  if (type.text === 'LotRecord') {
    const saved = ctx.lot;
    // A shallow copy: lot arrays are replaced, never changed in place.
    ctx.lot = { ...ctx.lot, lotId: id.text };
    block(c, ctx, 'LotRecord', depth);
    ctx.lot = saved;
  } else if (type.text === 'WaferRecord') {
    if (ctx.wafer !== undefined) refuse(type, 'WaferRecord inside a WaferRecord');
    const wafer: RawWafer = { ...ctx.lot, waferId: id.text, at: type };
    ctx.wafer = wafer;
    block(c, ctx, 'WaferRecord', depth);
    ctx.wafers.push(wafer);
    delete ctx.wafer;
  } else {
    block(c, ctx, quoted(type), depth); // other records (e.g. SummaryRecord) are read and skipped
  }
}

function field(c: Cursor, ctx: Ctx): void {
  const name = next(c, 'a field name');
  const countTok = next(c, `the ${name.text} value count`);
  const n = numberOf(countTok, 'count', `${name.text} value count`);
  const vals = values(c, `Field ${name.text}`);
  if (vals.length !== n) refuse(countTok, `Field ${name.text} announces ${n} values but has ${vals.length}`);
  const target: RawLot = ctx.wafer ?? ctx.lot;
  const two = (f: 'DiePitch' | 'DieOrigin' | 'SampleCenterLocation'): [number, number] => {
    if (vals.length !== 2) refuse(name, `${f} needs 2 numbers, got ${vals.length}`);
    return [numberOf(vals[0]!, f), numberOf(vals[1]!, f)];
  };
  if (name.text === 'DiePitch') target.diePitch = two('DiePitch');
  else if (name.text === 'DieOrigin') target.dieOrigin = two('DieOrigin');
  else if (name.text === 'SampleCenterLocation') target.sampleCenter = two('SampleCenterLocation');
  else if (name.text === 'OrientationMarkLocation' && vals[0] !== undefined) target.orientation = vals[0];
}

function list(c: Cursor, ctx: Ctx): void {
  const name = next(c, 'a list name');
  expect(c, '{', `opening List ${quoted(name)}`);
  const colKw = expect(c, 'Columns', `in List ${quoted(name)}`);
  const nCols = numberOf(next(c, 'the column count'), 'count', 'Columns count');
  const spec = values(c, 'Columns');
  // "type NAME, type NAME, ...": commas are dropped by values(), so names are every second token.
  if (spec.length !== 2 * nCols)
    refuse(colKw, `Columns announces ${nCols} columns but lists ${spec.length / 2}`);
  const columns = spec.filter((_, k) => k % 2 === 1).map((t) => t.text.toUpperCase());
  const dataKw = expect(c, 'Data', `in List ${quoted(name)}`);
  const nRows = numberOf(next(c, 'the row count'), 'count', 'Data count');
  expect(c, '{', 'opening Data');
  const rows: Token[][] = [];
  let row: Token[] = [];
  for (;;) {
    const t = next(c, "'}' closing Data");
    if (isPunct(t, '}')) break;
    if (isPunct(t, ';')) {
      if (row.length > 0) rows.push(row);
      row = [];
      continue;
    }
    if (isPunct(t, ',')) continue;
    if (isPunct(t, '{')) {
      // A nested value list (e.g. an image list) counts as one column value.
      let depth = 1;
      while (depth > 0) {
        const u = next(c, "'}' closing a value list in Data");
        if (isPunct(u, '{')) depth++;
        else if (isPunct(u, '}')) depth--;
      }
      row.push({ ...t, kind: 'string', text: '{list}' });
      continue;
    }
    row.push(t);
  }
  if (row.length > 0) refuse(row[0]!, "Data row is not terminated by ';'");
  if (rows.length !== nRows) refuse(dataKw, `Data announces ${nRows} rows but has ${rows.length}`);
  expect(c, '}', `closing List ${quoted(name)}`);
  if (name.text === 'DefectList') {
    if (ctx.wafer === undefined) refuse(name, 'DefectList outside a WaferRecord');
    ctx.wafer.columns = columns;
    ctx.wafer.rows = rows;
  }
}
