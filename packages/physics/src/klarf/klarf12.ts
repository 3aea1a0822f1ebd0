import { numberOf } from './limits.js';
import type { RawLot, RawWafer } from './raw.js';
import { refuse } from './refusal.js';
import { quoted, type Token } from './tokens.js';

type Pair = 'DiePitch' | 'DieOrigin' | 'SampleCenterLocation';

function pair(st: Token[], kw: Token, field: Pair): [number, number] {
  if (st.length !== 2) refuse(kw, `${field} needs 2 numbers, got ${st.length}`);
  return [numberOf(st[0]!, field), numberOf(st[1]!, field)];
}

/**
 * KLARF 1.1/1.2: a flat list of `Keyword values... ;` records. Lot-level
 * records (DiePitch, DieOrigin, SampleCenterLocation, DefectRecordSpec...)
 * apply to every following wafer; `WaferID` starts a wafer; `DefectList` rows
 * are one defect per line, interpreted with the latest DefectRecordSpec.
 */
export function parseKlarf12(tokens: Token[]): { version: '1.1' | '1.2'; wafers: RawWafer[] } {
  let version: '1.1' | '1.2' | undefined;
  const lot: RawLot = { lotId: '' };
  const wafers: RawWafer[] = [];
  let current: RawWafer | undefined;
  const set = <K extends keyof RawLot>(k: K, v: RawLot[K]) => {
    lot[k] = v;
    if (current !== undefined) (current as RawLot)[k] = v;
  };
  let i = 0;
  while (i < tokens.length) {
    const kw = tokens[i]!;
    if (kw.kind !== 'word') refuse(kw, `expected a record keyword, found ${quoted(kw)}`);
    let j = i + 1;
    while (j < tokens.length && !(tokens[j]!.kind === 'punct' && tokens[j]!.text === ';')) {
      const t = tokens[j]!;
      if (t.kind === 'punct' && t.text !== ',')
        refuse(t, `unexpected '${t.text}' in ${kw.text} (KLARF 1.2 has no blocks)`);
      j++;
    }
    if (j >= tokens.length) refuse(kw, `record ${quoted(kw)} is not terminated by ';'`);
    const args = tokens.slice(i + 1, j).filter((t) => t.kind !== 'punct');
    i = j + 1; // past the ';': every pass consumes at least the keyword and its terminator
    switch (kw.text) {
      case 'FileVersion': {
        const v = args.map((t) => t.text).join('.');
        if (v !== '1.1' && v !== '1.2') {
          refuse(
            kw,
            `FileVersion '${v.length > 20 ? `${v.slice(0, 20)}…` : v}' is not supported (1.1, 1.2 or 1.8)`,
            'unsupported-version',
          );
        }
        version = v;
        break;
      }
      case 'LotID':
        set('lotId', args[0]?.text ?? '');
        break;
      case 'WaferID':
        if (args.length < 1) refuse(kw, 'WaferID needs a wafer name');
        // A shallow copy: lot arrays are replaced, never changed in place, so wafers may share them.
        current = { ...lot, waferId: args[0]!.text, at: kw };
        wafers.push(current);
        break;
      case 'DiePitch':
        set('diePitch', pair(args, kw, 'DiePitch'));
        break;
      case 'DieOrigin':
        set('dieOrigin', pair(args, kw, 'DieOrigin'));
        break;
      case 'SampleCenterLocation':
        set('sampleCenter', pair(args, kw, 'SampleCenterLocation'));
        break;
      case 'OrientationMarkLocation':
        if (args[0] !== undefined) set('orientation', args[0]);
        break;
      case 'DefectRecordSpec': {
        if (args.length < 1) refuse(kw, 'DefectRecordSpec needs a column count');
        const n = numberOf(args[0]!, 'count', 'DefectRecordSpec count');
        const names = args.slice(1).map((t) => t.text.toUpperCase());
        if (names.length !== n)
          refuse(args[0]!, `DefectRecordSpec announces ${n} columns but names ${names.length}`);
        set('columns', names);
        break;
      }
      case 'DefectList': {
        if (current === undefined) refuse(kw, 'DefectList before any WaferID');
        current.rows ??= [];
        const rows = current.rows;
        let last: Token[] | undefined;
        for (const t of args) {
          if (last !== undefined && last[0]!.line === t.line) last.push(t);
          else {
            last = [t];
            rows.push(last);
          }
        }
        break;
      }
      case 'EndOfFile':
        i = tokens.length;
        break;
      default:
        break; // records Bondline does not use (timestamps, test plans, summaries...)
    }
  }
  if (version === undefined)
    refuse(tokens[0] ?? { line: 1, column: 1 }, 'no FileVersion record', 'missing-field');
  return { version, wafers };
}
