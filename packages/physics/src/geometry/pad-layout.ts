import type { BondParams, PadBlockKind } from '../params.js';
import { padRadii } from './pad-radii.js';

/**
 * A rectangle of pads that all sit on the die's pad grid: pads at
 * (x0 + i p, y0 + j p), i < nx, j < ny, die-local µm (die centre at 0, 0).
 */
export interface PadRegion {
  kind: 'critical' | 'redundant';
  /** Centre of the first pad and of the last pad (µm, die-local): the pad-centre rectangle. */
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** Pads per row and per column. */
  nx: number;
  ny: number;
  /** Logical pads in the region: nx*ny for critical, floor(nx*ny / copies) for redundant. */
  logicalPads: number;
  /** Physical copies per logical pad (1 for critical regions). */
  copies: number;
}

/** The pad description shared by every die of a wafer pair. */
export interface PadLayout {
  /** Pitch p (µm). */
  pitchUm: number;
  /** Bottom and top pad radii (µm). */
  Rb: number;
  Rt: number;
  /** Full pad grid of the die: floor(W/p) x floor(L/p), centred. */
  gridNx: number;
  gridNy: number;
  /** Pad-bearing regions (critical and redundant), disjoint. Empty blocks have none. */
  regions: PadRegion[];
  /**
   * Pad-centre rectangles of every pad-bearing region (die-local µm): where a void kills
   * the die (grown by Rt). Redundant blocks count: a void covers all neighbouring copies.
   */
  critical: { x0: number; y0: number; x1: number; y1: number }[];
  /** Physical pads in critical regions and in redundant regions. */
  criticalPads: number;
  redundantPads: number;
  /** Logical pads whose failure kills the die: critical pads plus redundant logical pads. */
  criticalLogicalPads: number;
  /** Copies per redundant logical pad. */
  redundantCopies: number;
}

/**
 * The die's pads (docs/physics.md §1). Without a block layout: the full array
 * floor(W/p) x floor(L/p) of critical pads, centred. With a layout, the same
 * grid is masked by the bitmap: blocks of `blockUm` from the die's minimum
 * corner (row 0 at minimum y), a pad takes the kind of the block holding its
 * centre, pads beyond the bitmap are empty. Runs of equal blocks are merged
 * into rectangles so the cost of later sums grows with the number of runs,
 * never with the pad count. A redundant region's pads form logical pads of
 * `redundantCopies` neighbouring copies; nx*ny mod copies leftover pads are
 * spares that never decide the die.
 */
export function padLayout(params: BondParams): PadLayout {
  const { p, layout } = params.pads;
  const { W, L } = params.die;
  if (!(p > 0)) throw new RangeError(`padLayout: pitch p must be > 0, got ${p}`);
  const { Rb, Rt } = padRadii(params);
  const gridNx = Math.floor(W / p + 1e-9);
  const gridNy = Math.floor(L / p + 1e-9);
  const copies = layout?.redundantCopies ?? 1;
  const regions: PadRegion[] = [];
  const xOf = (i: number): number => (i - (gridNx - 1) / 2) * p;
  const yOf = (j: number): number => (j - (gridNy - 1) / 2) * p;
  const push = (kind: PadRegion['kind'], i0: number, i1: number, j0: number, j1: number): void => {
    if (i1 < i0 || j1 < j0) return;
    const nx = i1 - i0 + 1;
    const ny = j1 - j0 + 1;
    const c = kind === 'critical' ? 1 : copies;
    regions.push({
      kind,
      x0: xOf(i0),
      x1: xOf(i1),
      y0: yOf(j0),
      y1: yOf(j1),
      nx,
      ny,
      copies: c,
      logicalPads: Math.floor((nx * ny) / c),
    });
  };
  if (layout === undefined) {
    if (gridNx > 0 && gridNy > 0) push('critical', 0, gridNx - 1, 0, gridNy - 1);
  } else {
    const B = layout.blockUm;
    if (!(B > 0)) throw new RangeError(`padLayout: blockUm must be > 0, got ${B}`);
    if (!Number.isInteger(copies) || copies < 1) {
      throw new RangeError(`padLayout: redundantCopies must be an integer >= 1, got ${copies}`);
    }
    // First pad index whose centre lies at or beyond die-local coordinate `edge` from the minimum corner.
    const firstX = (edge: number): number =>
      clampIndex(Math.ceil((edge - W / 2) / p + (gridNx - 1) / 2 - 1e-9), gridNx);
    const firstY = (edge: number): number =>
      clampIndex(Math.ceil((edge - L / 2) / p + (gridNy - 1) / 2 - 1e-9), gridNy);
    for (const run of mergeBlockRuns(layout.rows)) {
      push(run.kind, firstX(run.c0 * B), firstX(run.c1 * B) - 1, firstY(run.r0 * B), firstY(run.r1 * B) - 1);
    }
  }
  let criticalPads = 0;
  let redundantPads = 0;
  let criticalLogicalPads = 0;
  for (const r of regions) {
    if (r.kind === 'critical') criticalPads += r.nx * r.ny;
    else redundantPads += r.nx * r.ny;
    criticalLogicalPads += r.logicalPads;
  }
  return {
    pitchUm: p,
    Rb,
    Rt,
    gridNx,
    gridNy,
    regions,
    critical: regions.map((r) => ({ x0: r.x0, y0: r.y0, x1: r.x1, y1: r.y1 })),
    criticalPads,
    redundantPads,
    criticalLogicalPads,
    redundantCopies: copies,
  };
}

function clampIndex(i: number, n: number): number {
  return Math.min(Math.max(i, 0), n);
}

/** A rectangle of equal blocks: columns [c0, c1), rows [r0, r1). */
interface BlockRun {
  kind: 'critical' | 'redundant';
  c0: number;
  c1: number;
  r0: number;
  r1: number;
}

/** Merge each row's runs of equal non-empty blocks, then stack identical runs of consecutive rows. */
function mergeBlockRuns(rows: readonly (readonly PadBlockKind[])[]): BlockRun[] {
  const done: BlockRun[] = [];
  let open = new Map<string, BlockRun>();
  rows.forEach((row, r) => {
    const next = new Map<string, BlockRun>();
    let c = 0;
    while (c < row.length) {
      const kind = row[c];
      let e = c + 1;
      while (e < row.length && row[e] === kind) e++;
      if (kind === 'critical' || kind === 'redundant') {
        const key = `${kind}:${c}:${e}`;
        const prev = open.get(key);
        if (prev !== undefined) {
          prev.r1 = r + 1;
          open.delete(key);
          next.set(key, prev);
        } else next.set(key, { kind, c0: c, c1: e, r0: r, r1: r + 1 });
      }
      c = e;
    }
    for (const run of open.values()) done.push(run);
    open = next;
  });
  for (const run of open.values()) done.push(run);
  return done;
}
