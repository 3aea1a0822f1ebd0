import type { RawWafer } from './raw.js';
import { numberOf, type Token } from './tokens.js';
import { KlarfSyntaxError } from './types.js';

function fail(t: Token, message: string, code: 'syntax' | 'bad_value' = 'syntax'): never {
  throw new KlarfSyntaxError({ code, message, line: t.line, column: t.column });
}

function pair(st: Token[], kw: Token): [number, number] {
  if (st.length !== 2) fail(kw, `${kw.text} needs 2 numbers, got ${st.length}`);
  return [numberOf(st[0]!, kw.text), numberOf(st[1]!, kw.text)];
}

/**
 * KLARF 1.1/1.2: a flat list of `Keyword values... ;` records. Lot-level
 * records (DiePitch, DieOrigin, SampleCenterLocation, DefectRecordSpec...)
 * apply to every following wafer; `WaferID` starts a wafer; `DefectList` rows
 * are one defect per line, interpreted with the latest DefectRecordSpec.
 */
export function parseKlarf12(tokens: Token[]): { version: '1.1' | '1.2'; wafers: RawWafer[] } {
  let version: '1.1' | '1.2' | undefined;
  const lot: Omit<RawWafer, 'waferId' | 'at'> = { lotId: '' };
  const wafers: RawWafer[] = [];
  let current: RawWafer | undefined;
  const set = <K extends keyof RawWafer>(k: K, v: RawWafer[K]) => {
    (lot as RawWafer)[k] = v;
    if (current !== undefined) current[k] = v;
  };
  let i = 0;
  while (i < tokens.length) {
    const kw = tokens[i]!;
    if (kw.kind !== 'word') fail(kw, `expected a record keyword, found '${kw.text}'`);
    let j = i + 1;
    while (j < tokens.length && tokens[j]!.text !== ';') {
      const t = tokens[j]!;
      if (t.kind === 'punct' && t.text !== ',')
        fail(t, `unexpected '${t.text}' in ${kw.text} (KLARF 1.2 has no blocks)`);
      j++;
    }
    if (j >= tokens.length) fail(kw, `record ${kw.text} is not terminated by ';'`);
    const args = tokens.slice(i + 1, j).filter((t) => t.text !== ',');
    i = j + 1;
    switch (kw.text) {
      case 'FileVersion': {
        const v = args.map((t) => t.text).join('.');
        if (v !== '1.1' && v !== '1.2') {
          throw new KlarfSyntaxError({
            code: 'unsupported_version',
            message: `FileVersion ${v} is not supported (1.1, 1.2 or 1.8)`,
            line: kw.line,
            column: kw.column,
          });
        }
        version = v;
        break;
      }
      case 'LotID':
        set('lotId', args[0]?.text ?? '');
        break;
      case 'WaferID':
        if (args.length < 1) fail(kw, 'WaferID needs a wafer name');
        current = { ...structuredClone(lot), waferId: args[0]!.text, at: kw };
        wafers.push(current);
        break;
      case 'DiePitch':
        set('diePitch', pair(args, kw));
        break;
      case 'DieOrigin':
        set('dieOrigin', pair(args, kw));
        break;
      case 'SampleCenterLocation':
        set('sampleCenter', pair(args, kw));
        break;
      case 'OrientationMarkLocation':
        if (args[0] !== undefined) set('orientation', args[0]);
        break;
      case 'DefectRecordSpec': {
        if (args.length < 1) fail(kw, 'DefectRecordSpec needs a column count');
        const n = numberOf(args[0]!, 'DefectRecordSpec count');
        const names = args.slice(1).map((t) => t.text.toUpperCase());
        if (names.length !== n)
          fail(args[0]!, `DefectRecordSpec announces ${n} columns but names ${names.length}`);
        set('columns', names);
        break;
      }
      case 'DefectList': {
        if (current === undefined) fail(kw, 'DefectList before any WaferID');
        const rows: Token[][] = [];
        for (const t of args) {
          const last = rows[rows.length - 1];
          if (last !== undefined && last[0]!.line === t.line) last.push(t);
          else rows.push([t]);
        }
        current.rows = [...(current.rows ?? []), ...rows];
        break;
      }
      case 'EndOfFile':
        i = tokens.length;
        break;
      default:
        break; // records Bondline does not use (timestamps, test plans, summaries...)
    }
  }
  const first = tokens[0];
  if (version === undefined) {
    throw new KlarfSyntaxError({
      code: 'missing_field',
      message: 'no FileVersion record',
      line: first?.line ?? 1,
      column: first?.column ?? 1,
    });
  }
  return { version, wafers };
}
