import type { RawWafer } from './raw.js';
import { numberOf, type Token } from './tokens.js';
import { KlarfSyntaxError } from './types.js';

function fail(t: Token | undefined, message: string, last?: Token): never {
  const at = t ?? last;
  throw new KlarfSyntaxError({ code: 'syntax', message, line: at?.line ?? 1, column: at?.column ?? 1 });
}

interface Cursor {
  tokens: Token[];
  i: number;
}

function peek(c: Cursor): Token | undefined {
  return c.tokens[c.i];
}

function next(c: Cursor, what: string): Token {
  const t = c.tokens[c.i];
  if (t === undefined)
    fail(undefined, `unexpected end of file, expected ${what}`, c.tokens[c.tokens.length - 1]);
  c.i++;
  return t;
}

function expect(c: Cursor, text: string, context: string): Token {
  const t = next(c, `'${text}' ${context}`);
  if (t.text !== text || (t.kind === 'string' && text !== t.text))
    fail(t, `expected '${text}' ${context}, found '${t.text}'`);
  return t;
}

/** Values of `{ v, v, ... }` (commas optional between values). */
function values(c: Cursor, context: string): Token[] {
  expect(c, '{', context);
  const out: Token[] = [];
  for (;;) {
    const t = next(c, `'}' closing ${context}`);
    if (t.text === '}' && t.kind === 'punct') return out;
    if (t.kind === 'punct' && t.text === ',') continue;
    if (t.kind === 'punct') fail(t, `unexpected '${t.text}' in ${context}`);
    out.push(t);
  }
}

interface Ctx {
  wafers: RawWafer[];
  lot: Omit<RawWafer, 'waferId' | 'at'>;
  wafer?: RawWafer;
}

/**
 * KLARF 1.8: nested `Record <type> "<id>" { ... }` blocks holding
 * `Field <name> <n> { values }` and `List <name> { Columns <n> { type name, ... }
 * Data <n> { row; row; ... } }`. LotRecord fields apply to its wafers;
 * WaferRecord holds the DefectList.
 */
export function parseKlarf18(tokens: Token[]): { version: '1.8'; wafers: RawWafer[] } {
  const c: Cursor = { tokens, i: 0 };
  expect(c, 'Record', 'at the start of a KLARF 1.8 file');
  const type = next(c, 'FileRecord');
  if (type.text !== 'FileRecord') fail(type, `expected FileRecord, found '${type.text}'`);
  const ver = next(c, 'the file version');
  if (ver.text !== '1.8') {
    throw new KlarfSyntaxError({
      code: 'unsupported_version',
      message: `FileRecord version '${ver.text}' is not supported (1.1, 1.2 or 1.8)`,
      line: ver.line,
      column: ver.column,
    });
  }
  const ctx: Ctx = { wafers: [], lot: { lotId: '' } };
  block(c, ctx, 'FileRecord');
  const end = peek(c);
  if (end !== undefined) {
    if (end.text !== 'EndOfFile') fail(end, `unexpected '${end.text}' after FileRecord`);
    c.i++;
    if (peek(c)?.text === ';') c.i++;
    const extra = peek(c);
    if (extra !== undefined) fail(extra, `unexpected '${extra.text}' after EndOfFile`);
  }
  return { version: '1.8', wafers: ctx.wafers };
}

function block(c: Cursor, ctx: Ctx, owner: string): void {
  expect(c, '{', `opening ${owner}`);
  for (;;) {
    const t = next(c, `'}' closing ${owner}`);
    if (t.kind === 'punct' && t.text === '}') return;
    if (t.kind !== 'word') fail(t, `expected Record, Field or List in ${owner}, found '${t.text}'`);
    if (t.text === 'Record') record(c, ctx);
    else if (t.text === 'Field') field(c, ctx);
    else if (t.text === 'List') list(c, ctx);
    else fail(t, `expected Record, Field or List in ${owner}, found '${t.text}'`);
  }
}

function record(c: Cursor, ctx: Ctx): void {
  const type = next(c, 'a record type');
  const id = next(c, `the ${type.text} id`);
  if (type.text === 'LotRecord') {
    const saved = structuredClone(ctx.lot);
    ctx.lot.lotId = id.text;
    block(c, ctx, type.text);
    ctx.lot = saved;
  } else if (type.text === 'WaferRecord') {
    if (ctx.wafer !== undefined) fail(type, 'WaferRecord inside a WaferRecord');
    ctx.wafer = { ...structuredClone(ctx.lot), waferId: id.text, at: type };
    block(c, ctx, type.text);
    ctx.wafers.push(ctx.wafer);
    delete ctx.wafer;
  } else {
    block(c, ctx, type.text); // other records (e.g. SummaryRecord) are read and skipped
  }
}

function field(c: Cursor, ctx: Ctx): void {
  const name = next(c, 'a field name');
  const countTok = next(c, `the ${name.text} value count`);
  const n = numberOf(countTok, `${name.text} value count`);
  const vals = values(c, `Field ${name.text}`);
  if (vals.length !== n) fail(countTok, `Field ${name.text} announces ${n} values but has ${vals.length}`);
  const target = (ctx.wafer ?? ctx.lot) as RawWafer;
  const two = (): [number, number] => {
    if (vals.length !== 2) fail(name, `${name.text} needs 2 numbers, got ${vals.length}`);
    return [numberOf(vals[0]!, name.text), numberOf(vals[1]!, name.text)];
  };
  if (name.text === 'DiePitch') target.diePitch = two();
  else if (name.text === 'DieOrigin') target.dieOrigin = two();
  else if (name.text === 'SampleCenterLocation') target.sampleCenter = two();
  else if (name.text === 'OrientationMarkLocation' && vals[0] !== undefined) target.orientation = vals[0];
}

function list(c: Cursor, ctx: Ctx): void {
  const name = next(c, 'a list name');
  expect(c, '{', `opening List ${name.text}`);
  const colKw = expect(c, 'Columns', `in List ${name.text}`);
  const nCols = numberOf(next(c, 'the column count'), 'Columns count');
  const spec = values(c, 'Columns');
  // "type NAME, type NAME, ...": commas are dropped by values(), so names are every second token.
  if (spec.length !== 2 * nCols)
    fail(colKw, `Columns announces ${nCols} columns but lists ${spec.length / 2}`);
  const columns = spec.filter((_, k) => k % 2 === 1).map((t) => t.text.toUpperCase());
  const dataKw = expect(c, 'Data', `in List ${name.text}`);
  const nRows = numberOf(next(c, 'the row count'), 'Data count');
  expect(c, '{', 'opening Data');
  const rows: Token[][] = [];
  let row: Token[] = [];
  for (;;) {
    const t = next(c, "'}' closing Data");
    if (t.kind === 'punct' && t.text === '}') break;
    if (t.kind === 'punct' && t.text === ';') {
      if (row.length > 0) rows.push(row);
      row = [];
      continue;
    }
    if (t.kind === 'punct' && t.text === ',') continue;
    if (t.kind === 'punct' && t.text === '{') {
      // A nested value list (e.g. an image list) counts as one column value.
      let depth = 1;
      while (depth > 0) {
        const u = next(c, "'}' closing a value list in Data");
        if (u.kind === 'punct' && u.text === '{') depth++;
        else if (u.kind === 'punct' && u.text === '}') depth--;
      }
      row.push({ ...t, kind: 'string', text: '{list}' });
      continue;
    }
    if (t.kind === 'punct') fail(t, `unexpected '${t.text}' in Data`);
    row.push(t);
  }
  if (row.length > 0) fail(row[0], "Data row is not terminated by ';'");
  if (rows.length !== nRows) fail(dataKw, `Data announces ${nRows} rows but has ${rows.length}`);
  expect(c, '}', `closing List ${name.text}`);
  if (name.text === 'DefectList') {
    if (ctx.wafer === undefined) fail(name, 'DefectList outside a WaferRecord');
    ctx.wafer.columns = columns;
    ctx.wafer.rows = rows;
  }
}
