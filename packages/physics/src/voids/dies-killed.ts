import type { PadLayout } from '../geometry/pad-layout.js';
import type { BondParams } from '../params.js';
import type { Die } from '../results.js';
import { buildDieIndex, colRange, type DieIndex, rowRange } from './die-index.js';
import { voidTargetRects } from './layout-rects.js';
import { type Rect, rectDistance } from './rect.js';
import type { VoidDisc } from './void-discs.js';

/**
 * Visit every die that a void disc kills: the disc comes within Rt (top pad
 * radius, µm) of a critical pad, i.e. overlaps a critical pad-centre
 * rectangle grown by Rt (docs/physics.md §3; exact for voids larger than the
 * pitch, which all voids are at the defaults: the smallest disc is ~37 µm).
 * `critical` are die-local pad-centre rectangles.
 */
export function forEachKilledDie(
  index: DieIndex,
  dies: readonly Die[],
  critical: readonly Rect[],
  rtUm: number,
  disc: VoidDisc,
  visit: (dieId: number) => void,
): void {
  const reach = disc.r + rtUm;
  const [c0, c1] = colRange(index, disc.x - reach, disc.x + reach);
  const [r0, r1] = rowRange(index, disc.y - reach, disc.y + reach);
  for (let row = r0; row <= r1; row++) {
    for (let col = c0; col <= c1; col++) {
      const id = index.ids[row * index.cols + col] as number;
      if (id < 0) continue;
      const die = dies[id] as Die;
      const lx = disc.x - die.cx;
      const ly = disc.y - die.cy;
      for (const rect of critical) {
        if (rectDistance(rect, lx, ly) < reach) {
          visit(id);
          break;
        }
      }
    }
  }
}

/**
 * Ids (ascending) of the dies (from `dieGrid`) killed by a void given as discs
 * (e.g. from `voidDiscs`): a disc kills when it comes within Rt of a
 * pad-bearing region of `layout`. Pass a prebuilt `index` when calling often.
 */
export function diesKilledBy(
  params: BondParams,
  layout: PadLayout,
  dies: readonly Die[],
  discs: readonly VoidDisc[],
  index: DieIndex = buildDieIndex(params, dies),
): number[] {
  const hit = new Set<number>();
  const critical = voidTargetRects(layout);
  for (const d of discs) forEachKilledDie(index, dies, critical, layout.Rt, d, (id) => hit.add(id));
  return [...hit].sort((a, b) => a - b);
}
