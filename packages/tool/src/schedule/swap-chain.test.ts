import { describe, expect, it } from 'vitest';
import { TEST_MODULES } from '../config/tool-config.test-util.js';
import { planSwapChain } from './swap-chain.js';
import { runChain, tokenTool } from './token-flow.test-util.js';

// The stations the swap chain plans over: the test tool without its load ports and robot.
const DEFAULT_TOOL = TEST_MODULES.filter((m) => m.kind !== 'loadport' && m.kind !== 'robot');

describe('planSwapChain', () => {
  it('in steady state swaps through every stage and exchanges the bonder in one visit', () => {
    const ops = planSwapChain({
      robotAt: 'FL1',
      stations: [
        { id: 'PA1', kind: 'prealigner', contents: [{ id: 'B4', role: 'bottom', pair: 4 }] },
        { id: 'PL1', kind: 'plasma', contents: [{ id: 'T4', role: 'top', pair: 4 }] },
        { id: 'CL1', kind: 'clean', contents: [{ id: 'B3', role: 'bottom', pair: 3 }] },
        { id: 'FL1', kind: 'flipper', contents: [{ id: 'T3', role: 'top', pair: 3 }] },
        {
          id: 'BD1',
          kind: 'bonder',
          contents: [
            { id: 'T2', role: 'top', pair: 2 },
            { id: 'B2', role: 'bottom', pair: 2 },
          ],
        },
        { id: 'IN1', kind: 'inspection', contents: [{ id: 'S1', role: 'stack', pair: 1 }] },
      ],
      feed: { substrate: { id: 'T5', role: 'top', pair: 5 }, loadPort: 'LP1' },
      stackOf: (pair) => ({ id: `S${pair}`, loadPort: 'LP3' }),
    });
    expect(ops).toEqual([
      { op: 'move', station: 'LP1' },
      { op: 'pick', arm: 'A', station: 'LP1', substrateId: 'T5' },
      { op: 'move', station: 'PA1' },
      {
        op: 'swap',
        station: 'PA1',
        pick: { arm: 'B', substrateId: 'B4' },
        place: { arm: 'A', substrateId: 'T5' },
      },
      { op: 'move', station: 'PL1' },
      {
        op: 'swap',
        station: 'PL1',
        pick: { arm: 'A', substrateId: 'T4' },
        place: { arm: 'B', substrateId: 'B4' },
      },
      { op: 'move', station: 'CL1' },
      {
        op: 'swap',
        station: 'CL1',
        pick: { arm: 'B', substrateId: 'B3' },
        place: { arm: 'A', substrateId: 'T4' },
      },
      { op: 'move', station: 'FL1' },
      { op: 'pick', arm: 'A', station: 'FL1', substrateId: 'T3' },
      { op: 'move', station: 'BD1' },
      { op: 'place', arm: 'A', station: 'BD1', substrateId: 'T3' },
      {
        op: 'swap',
        station: 'BD1',
        pick: { arm: 'A', substrateId: 'S2' },
        place: { arm: 'B', substrateId: 'B3' },
      },
      { op: 'move', station: 'IN1' },
      {
        op: 'swap',
        station: 'IN1',
        pick: { arm: 'B', substrateId: 'S1' },
        place: { arm: 'A', substrateId: 'S2' },
      },
      { op: 'move', station: 'LP3' },
      { op: 'place', arm: 'B', station: 'LP3', substrateId: 'S1' },
    ]);
  });

  it('has nothing to do in an empty tool with nothing to feed', () => {
    expect(
      planSwapChain({
        robotAt: undefined,
        stations: [],
        feed: undefined,
        stackOf: () => ({ id: 'S', loadPort: 'LP3' }),
      }),
    ).toEqual([]);
  });

  for (const [name, modules] of [
    ['the default tool', DEFAULT_TOOL],
    [
      'two clean chambers and two bonders',
      [...DEFAULT_TOOL, { id: 'CL2', kind: 'clean' as const }, { id: 'BD2', kind: 'bonder' as const }],
    ],
    [
      'two plasma chambers (an even wafer pipeline)',
      [...DEFAULT_TOOL, { id: 'PL2', kind: 'plasma' as const }],
    ],
  ] as const) {
    it(`fills, runs and drains a lot on ${name}: every pair bonded once, stacks delivered in order`, () => {
      for (const pairs of [1, 2, 3, 25]) {
        const tool = tokenTool([...modules], pairs);
        let chains = 0;
        while (runChain(tool)) if (++chains > 20 * pairs + 20) throw new Error('no end');
        expect(tool.delivered).toEqual(Array.from({ length: pairs }, (_, i) => `S${i + 1}`));
        expect(tool.stations.every((s) => s.contents.length === 0)).toBe(true);
      }
    });
  }

  it('in steady state runs two chains per pair: one ends at the flipper, one at the stack carrier', () => {
    const tool = tokenTool(DEFAULT_TOOL, 25);
    while (runChain(tool));
    // Fill: T1 to PA1, B1 to PL1, T2 to CL1, B2 to FL1 (T1 flipped), the first pair to BD1, T3 to
    // FL1, the first stack to IN1; from the 8th chain on the pattern repeats until the carriers are empty.
    const ends = tool.chains.map((c) => c.at(-1)?.station);
    expect(ends.slice(0, 7)).toEqual(['PA1', 'PL1', 'CL1', 'FL1', 'BD1', 'FL1', 'IN1']);
    const steady = ends.slice(7, 7 + 2 * 20);
    expect(steady).toEqual(Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? 'FL1' : 'LP3')));
    // One pair's two chains: 13 moves, 11 picks and 11 places (a swap is one of each).
    const ops = [...(tool.chains[9] ?? []), ...(tool.chains[10] ?? [])];
    const n = (k: string) => ops.filter((o) => o.op === k).length;
    expect([n('move'), n('pick') + n('swap'), n('place') + n('swap')]).toEqual([13, 11, 11]);
  });
});
