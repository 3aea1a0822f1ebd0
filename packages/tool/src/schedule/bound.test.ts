// The throughput bound of the shipped recipes on the default tool (examples/tool/tool.yaml: three
// load ports, one of every other kind), computed by hand from docs/tool.md §2 "Bound". All three
// recipes share the robot (move 3 s, pick 2 s, place 2 s) and every module but the one they stress.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ModuleConfig } from '../config/tool-config-types.js';
import type { ModuleKind } from '../module-kind.js';
import { parseRecipe } from '../recipe/recipe-schema.js';
import type { RecipeParams } from '../recipe/recipe-types.js';
import { throughputBound } from './bound.js';

const RECIPES = join(import.meta.dirname, '../../../../examples/tool/recipes');

function shipped(name: string): RecipeParams {
  const r = parseRecipe(readFileSync(join(RECIPES, `${name}.yaml`), 'utf8'), name);
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
  return r.value.params;
}

const DEFAULT_TOOL: ModuleConfig[] = [
  ['LP1', 'loadport'],
  ['LP2', 'loadport'],
  ['LP3', 'loadport'],
  ['TR1', 'robot'],
  ['PA1', 'prealigner'],
  ['PL1', 'plasma'],
  ['CL1', 'clean'],
  ['FL1', 'flipper'],
  ['BD1', 'bonder'],
  ['IN1', 'inspection'],
].map(([id, kind]) => ({ id: id as string, kind: kind as ModuleKind }));

const busy = (params: RecipeParams, modules = DEFAULT_TOOL): Record<string, number> =>
  Object.fromEntries(throughputBound(params, modules).resources.map((r) => [r.resource, r.busyS]));

// Shared by all three recipes (s per pair):
//   loadport   2 picks + 1 place = 2*2 + 2 = 6, over 3 ports           =   2
//   robot      11 legs (5 top, 4 bottom, 2 stack) * (3 + 2 + 2)         =  77
//   prealigner 2 wafers * 15 + 2 picks * 2 + 2 places * 2               =  38
//   plasma     2 * 30 + 8                                               =  68
//   flipper    top wafer only: 10 + 2 + 2                               =  14
//   bonder     60 align + 5 delay + 80 bond + 2 places * 2 + 1 pick * 2 = 151
const SHARED = { loadport: 2, robot: 77, prealigner: 38, plasma: 68, flipper: 14, bonder: 151 };

describe('throughputBound of the shipped recipes', () => {
  it('BOND-STD is bonder-bound: 151 s per pair, 23.84 pairs/h', () => {
    // clean 2 * (30 rinse + 25 dry) + 8 = 118; inspection 60 scan + 25 sites * 2 s + 2 + 2 = 114
    const b = throughputBound(shipped('BOND-STD'), DEFAULT_TOOL);
    expect(busy(shipped('BOND-STD'))).toEqual({ ...SHARED, clean: 118, inspection: 114 });
    expect(b.bottleneck).toBe('bonder');
    expect(b.periodS).toBe(151);
    expect(b.pairsPerHour).toBeCloseTo(3600 / 151, 10); // 23.84
  });

  it('CLEAN-LONG is clean-bound: 278 s per pair, 12.95 pairs/h', () => {
    // clean 2 * (90 rinse + 45 dry) + 8 = 278
    const b = throughputBound(shipped('CLEAN-LONG'), DEFAULT_TOOL);
    expect(busy(shipped('CLEAN-LONG'))).toEqual({ ...SHARED, clean: 278, inspection: 114 });
    expect([b.bottleneck, b.periodS]).toEqual(['clean', 278]);
    expect(b.pairsPerHour).toBeCloseTo(12.95, 2);
  });

  it('INSPECT-FULL is inspection-bound: 275.5 s per pair, 13.07 pairs/h', () => {
    // inspection 90 scan + 121 sites * 1.5 s + 2 + 2 = 275.5
    const b = throughputBound(shipped('INSPECT-FULL'), DEFAULT_TOOL);
    expect(busy(shipped('INSPECT-FULL'))).toEqual({ ...SHARED, clean: 118, inspection: 275.5 });
    expect([b.bottleneck, b.periodS]).toEqual(['inspection', 275.5]);
    expect(b.pairsPerHour).toBeCloseTo(13.07, 2);
  });

  it('the three bottlenecks differ, and each is a process module with a clear margin', () => {
    const bounds = ['BOND-STD', 'CLEAN-LONG', 'INSPECT-FULL'].map((n) =>
      throughputBound(shipped(n), DEFAULT_TOOL),
    );
    expect(new Set(bounds.map((b) => b.bottleneck)).size).toBe(3);
    for (const b of bounds) {
      const others = b.resources.filter((r) => r.resource !== b.bottleneck).map((r) => r.busyS);
      expect(Math.max(...others) / b.periodS).toBeLessThanOrEqual(0.8); // 118/151 = 0.78 at most
      expect(b.resources.find((r) => r.resource === 'robot')?.busyS).toBe(77); // 51% of 151 at most
    }
  });
});

describe('throughputBound on other tools', () => {
  it('parallel modules of a kind share its work: a second clean module halves it', () => {
    const two = [...DEFAULT_TOOL, { id: 'CL2', kind: 'clean' as const }];
    const b = throughputBound(shipped('CLEAN-LONG'), two);
    expect(b.resources.find((r) => r.resource === 'clean')).toEqual({
      resource: 'clean',
      count: 2,
      processS: 270,
      transfers: 4,
      busyS: 139,
    });
    expect([b.bottleneck, b.periodS]).toEqual(['bonder', 151]);
  });

  it('counts the transfers of each station: the bonder takes two wafers and gives one stack', () => {
    const b = throughputBound(shipped('BOND-STD'), DEFAULT_TOOL);
    const transfers = Object.fromEntries(b.resources.map((r) => [r.resource, r.transfers]));
    expect(transfers).toEqual({
      loadport: 3,
      robot: 22,
      prealigner: 4,
      plasma: 4,
      clean: 4,
      flipper: 2,
      bonder: 3,
      inspection: 2,
    });
  });

  it('a slow robot makes the tool robot-bound', () => {
    const p = shipped('BOND-STD');
    const b = throughputBound({ ...p, robot: { moveS: 10, pickS: 5, placeS: 5 } }, DEFAULT_TOOL);
    expect([b.bottleneck, b.periodS]).toEqual(['robot', 220]); // 11 legs * 20 s
  });

  it('refuses a tool without a module of some kind', () => {
    expect(() =>
      throughputBound(
        shipped('BOND-STD'),
        DEFAULT_TOOL.filter((m) => m.kind !== 'flipper'),
      ),
    ).toThrow('the tool has no flipper module');
  });
});
