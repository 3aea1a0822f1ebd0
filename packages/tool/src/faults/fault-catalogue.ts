// A loaded, validated fault catalogue: the points in file order, and the ways the engine, the GEM
// binding and the docs look them up.
import type { ModuleKind } from '../module-kind.js';
import type { FaultPoint } from './fault-point.js';

export interface FaultCatalogue {
  /** Where it was read from (a path, or a name given to parseCatalogueText), for messages. */
  source: string;
  /** Every point in file order (grouped by module kind, in MODULE_KINDS order). */
  points: readonly FaultPoint[];
  byId: ReadonlyMap<string, FaultPoint>;
  /** The points of each kind, in file order; every kind has a list (maybe empty). */
  byKind: ReadonlyMap<ModuleKind, readonly FaultPoint[]>;
}
