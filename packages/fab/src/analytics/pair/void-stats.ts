import type { VoidRow } from './map-rows.js';
import type { VoidStats } from './pair-analysis-schema.js';

/**
 * Count, area and the largest of a pair's voids (the usable rows of its void map). Each void is the
 * disc its diameter gives, π d²/4 µm²; overlapping voids are each counted whole (the map holds
 * diameters, not outlines). `areaFraction` is the total over the wafer's area π R².
 */
export function voidStats(voids: readonly VoidRow[], waferRadiusUm: number): VoidStats {
  const byCause = { particle: 0, edge: 0, fault: 0 };
  let totalAreaUm2 = 0;
  let largest: VoidRow | undefined;
  for (const v of voids) {
    byCause[v.cause]++;
    totalAreaUm2 += (Math.PI * v.diameterUm * v.diameterUm) / 4;
    if (largest === undefined || v.diameterUm > largest.diameterUm) largest = v;
  }
  return {
    count: voids.length,
    byCause,
    totalAreaUm2,
    areaFraction: totalAreaUm2 / (Math.PI * waferRadiusUm * waferRadiusUm),
    largest:
      largest === undefined
        ? null
        : {
            void: largest.row,
            xMm: largest.xMm,
            yMm: largest.yMm,
            diameterUm: largest.diameterUm,
            cause: largest.cause,
          },
  };
}
