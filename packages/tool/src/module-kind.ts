/**
 * The module kinds of a wafer-to-wafer hybrid bonder (docs/tool.md §1, TOOL.md's table). Each kind
 * has one driver interface; a tool has one or more modules of each kind (three or more load ports,
 * one dual-arm robot, parallel plasma or clean chambers where a recipe needs them).
 */
export const MODULE_KINDS = [
  'loadport',
  'robot',
  'prealigner',
  'plasma',
  'clean',
  'flipper',
  'bonder',
  'inspection',
] as const;

export type ModuleKind = (typeof MODULE_KINDS)[number];

/** Module kinds that process one wafer at a time: each works twice per bonded pair (top and bottom) unless only one role visits it. */
export const PER_WAFER_KINDS = [
  'prealigner',
  'plasma',
  'clean',
  'flipper',
] as const satisfies readonly ModuleKind[];

/** Module kinds that process a pair (the aligner + bond chamber) or the bonded stack (inspection). */
export const PER_PAIR_KINDS = ['bonder', 'inspection'] as const satisfies readonly ModuleKind[];

/** Which wafer of a pair: the top (array) wafer is flipped face down; the bottom (CMOS) wafer is not. */
export type WaferRole = 'top' | 'bottom';
