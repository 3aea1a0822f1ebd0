import { type BondParams, CAUSE_CU, CAUSE_GOOD, CAUSE_OVERLAY, CAUSE_VOID } from '@bondline/physics';
import { BLACK, Canvas, type Rgba } from './canvas.js';
import { drawWaferFrame, fillDie, legendSwatch, type WaferGeometry } from './wafer-frame.js';
import { causeColours, drawCauseMap } from './wafer-map.js';

/** A die map as the tool reports it: `causes[row * cols + col]`, physics' CAUSE_* codes, 255 off the wafer. */
export interface DieCauses {
  cols: number;
  rows: number;
  causes: Uint8Array;
}

/** Wafer geometry with the street between dies (µm), which places the die centres. */
export interface DieGridGeometry extends WaferGeometry {
  s: number;
}

/** The die grid geometry of a product's physics model (its wafer and dies). */
export function bondGeometry(bond: Pick<BondParams, 'wafer' | 'die'>): DieGridGeometry {
  return { R: bond.wafer.R, e: bond.wafer.e, W: bond.die.W, L: bond.die.L, s: bond.die.s };
}

/** A die of the map: its index in `causes`, its centre (µm) and its cause code. */
export interface PlacedDie {
  index: number;
  cx: number;
  cy: number;
  cause: number;
}

/**
 * The dies of a map with their centres: the tile grid of docs/physics.md §1.1, centres at
 * (col - (cols-1)/2)(W+s), (row - (rows-1)/2)(L+s), row 0 at the smallest y; off-wafer tiles left out.
 */
export function placedDies(geom: DieGridGeometry, map: DieCauses): PlacedDie[] {
  const out: PlacedDie[] = [];
  for (let row = 0; row < map.rows; row++) {
    for (let col = 0; col < map.cols; col++) {
      const index = row * map.cols + col;
      const cause = map.causes[index] ?? CAUSE_OFF;
      if (cause === CAUSE_OFF) continue;
      out.push({
        index,
        cx: (col - (map.cols - 1) / 2) * (geom.W + geom.s),
        cy: (row - (map.rows - 1) / 2) * (geom.L + geom.s),
        cause,
      });
    }
  }
  return out;
}

const CAUSE_OFF = 255;
const MAP = 600;
const PAD = 20;
const TITLE_H = 40;
const LEGEND_H = 40;
const GOOD: Rgba = [26, 152, 80, 255];

/** Colour of a die by its cause code. */
export function causeColour(cause: number): Rgba {
  if (cause === CAUSE_OVERLAY) return causeColours.overlay;
  if (cause === CAUSE_VOID) return causeColours.void;
  if (cause === CAUSE_CU) return causeColours.cu;
  return GOOD;
}

/**
 * One bonded pair's die map: each die green when good, otherwise coloured by what killed it (overlay,
 * void, Cu recess), notch down; the legend counts the dies of each cause.
 */
export function drawDieCauseMap(
  geom: DieGridGeometry,
  map: DieCauses,
  title: string,
  subtitle: string,
): Canvas {
  const c = new Canvas(MAP + 2 * PAD, TITLE_H + MAP + LEGEND_H);
  c.text(PAD, 8, title, BLACK, { scale: 2 });
  c.text(PAD, 26, subtitle, [80, 80, 80, 255]);
  const frame = drawWaferFrame(c, geom, PAD, TITLE_H, MAP);
  const counts = [0, 0, 0, 0];
  for (const d of placedDies(geom, map)) {
    fillDie(c, frame, geom, d.cx, d.cy, causeColour(d.cause));
    counts[d.cause] = (counts[d.cause] ?? 0) + 1;
  }
  const top = TITLE_H + MAP + 12;
  let x = PAD;
  x = legendSwatch(c, x, top, GOOD, `good ${counts[CAUSE_GOOD]}`);
  x = legendSwatch(c, x, top, causeColours.overlay, `overlay ${counts[CAUSE_OVERLAY]}`);
  x = legendSwatch(c, x, top, causeColours.void, `void ${counts[CAUSE_VOID]}`);
  legendSwatch(c, x, top, causeColours.cu, `Cu recess ${counts[CAUSE_CU]}`);
  return c;
}

/**
 * A lot's die map: each die green if no wafer lost it, else the colour of its most frequent loss
 * cause over the maps (paler when lost on fewer of them). The maps share the first one's grid; a map
 * on another grid is left out (`wafers` counts those drawn).
 */
export function drawLotCauseMap(
  geom: DieGridGeometry,
  maps: readonly DieCauses[],
  title: string,
  subtitle: (drawn: { wafers: number; dies: number }) => string,
): Canvas | undefined {
  const first = maps[0];
  if (first === undefined) return undefined;
  const same = maps.filter((m) => m.rows === first.rows && m.cols === first.cols);
  const dies = placedDies(geom, first);
  const count = (code: number) => dies.map((d) => same.filter((m) => m.causes[d.index] === code).length);
  return drawCauseMap(
    geom,
    dies,
    { wafers: same.length, overlay: count(CAUSE_OVERLAY), void: count(CAUSE_VOID), cu: count(CAUSE_CU) },
    title,
    subtitle({ wafers: same.length, dies: dies.length }),
  );
}
