// The replies and reports the equipment builds from counts the host chooses take 150,000 entries:
// members are passed as an array (L.from), never spread into a call (V8 overflows its stack between
// 125,000 and 130,000 arguments here: S1F3/S1F11/S2F13 with that many ids used to be answered SxF0,
// an S6F1 of 130,000 values killed the process). no-spread.test.ts keeps spreads out of the sources.
import { describe, expect, it } from 'vitest';
import { A, U4 } from '../../item/constructors.js';
import type { Item } from '../../item/item.js';
import type { SecsMessage } from '../../message.js';
import { valueToItem } from '../model/value.js';
import * as s1 from './s1.js';
import * as s2c from './s2-constants.js';
import * as s2l from './s2-limits.js';
import * as s2x from './s2-remote.js';
import * as sp from './s2-s6-spool.js';
import * as tr from './s2-s6-trace.js';
import * as s5 from './s5-alarms.js';
import * as s6 from './s6-events.js';
import * as s7 from './s7-recipes.js';

const N = 150_000;
const ids = Array.from({ length: N }, (_, i) => i + 1);
const items: Item[] = ids.map((i) => U4(i));
const names = ids.map((i) => ({ id: i, name: '', unit: '' }));

/** The length of the first list found in the body, depth first: the one that holds the N entries. */
function longestList(item: Item): number {
  let best = 0;
  const stack = [item];
  while (stack.length > 0) {
    const it = stack.pop()!;
    if (it.format !== 'L') continue;
    best = Math.max(best, it.value.length);
    for (const m of it.value) stack.push(m);
  }
  return best;
}

describe(`message layouts with ${N.toLocaleString('en-US')} entries`, () => {
  it.each<[string, () => SecsMessage]>([
    ['S1F4', () => s1.s1f4(items)],
    ['S1F12', () => s1.s1f12(names)],
    ['S1F22', () => s1.s1f22(names)],
    ['S1F24', () => s1.s1f24([{ ceid: 1, name: 'E', vids: ids }])],
    ['S2F14', () => s2c.s2f14(items)],
    [
      'S2F30',
      () => s2c.s2f30(ids.map((ecid) => ({ ecid, name: '', min: A(), max: A(), def: A(), unit: '' }))),
    ],
    ['S6F1', () => tr.s6f1({ trid: 1, smpln: 1, stime: '', values: items })],
    ['S2F42', () => s2x.s2f42({ hcack: 3, params: ids.map(() => ({ name: 'P', cpack: 1 })) })],
    [
      'S2F44',
      () => sp.s2f44({ rspack: 1, rejections: [{ stream: 6, strack: 1, functions: ids.map(() => 1) }] }),
    ],
    ['S2F46', () => s2l.s2f46({ vlaack: 1, rejections: ids.map((vid) => ({ vid, lvack: 1, limits: [] })) })],
    ['S2F48', () => s2l.s2f48(ids.map((vid) => ({ vid })))],
    ['S5F6', () => s5.s5f6(ids.map((alid) => ({ alcd: 0, alid, altx: '' })))],
    ['S6F11', () => s6.s6f11({ dataId: 1, ceid: 1, reports: [{ rptid: 1, values: items }] })],
    ['S6F16', () => s6.s6f16({ dataId: 1, ceid: 1, reports: ids.map((rptid) => ({ rptid, values: [] })) })],
    ['S6F20', () => s6.s6f20(items)],
    ['S7F20', () => s7.s7f20(ids.map(String))],
  ])('%s', (_, build) => {
    expect(longestList(build().body!)).toBe(N);
  });

  it('an L-typed value (list SVs such as AlarmsSet)', () => {
    const item = valueToItem('L', ids);
    expect(item.format === 'L' && item.value.length).toBe(N);
  });
});
