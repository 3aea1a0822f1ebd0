import { CAUSE_VOID } from '@bondline/physics';
import { BLACK, Canvas, type Rgba } from './canvas.js';
import { type DieCauses, type DieGridGeometry, placedDies } from './die-cause-map.js';
import { drawWaferFrame, fillDie, legendSwatch } from './wafer-frame.js';

/** A void of a bonded stack: centre in mm from the wafer centre, diameter µm, and where it came from. */
export interface MapVoid {
  xMm: number;
  yMm: number;
  diameterUm: number;
  cause: 'particle' | 'edge' | 'fault';
  /** Found by the infrared scan (at or above its threshold). */
  detected: boolean;
}

const MAP = 600;
const PAD = 20;
const TITLE_H = 40;
const LEGEND_H = 56;
const DIE: Rgba = [225, 225, 225, 255];
const KILLED: Rgba = [244, 190, 180, 255];
const COLOURS: Record<MapVoid['cause'], Rgba> = {
  particle: [150, 20, 30, 255],
  edge: [110, 40, 150, 255],
  fault: [230, 120, 0, 255],
};
/** Voids are tens to hundreds of µm, far below a pixel at this scale: drawn at least this radius. */
const MIN_RADIUS_PX = 3;

/**
 * The void map of one bonded stack: dies grey, those a void killed pale red; each void a disc at its
 * place (true size when larger than the minimum), coloured by its source, filled when the infrared
 * scan found it and hollow when it was below the scan's threshold (it still acts on the dies).
 */
export function drawVoidMap(
  geom: DieGridGeometry,
  dies: DieCauses,
  voids: readonly MapVoid[],
  title: string,
  subtitle: string,
): Canvas {
  const c = new Canvas(MAP + 2 * PAD, TITLE_H + MAP + LEGEND_H);
  c.text(PAD, 8, title, BLACK, { scale: 2 });
  c.text(PAD, 26, subtitle, [80, 80, 80, 255]);
  const frame = drawWaferFrame(c, geom, PAD, TITLE_H, MAP);
  for (const d of placedDies(geom, dies)) {
    fillDie(c, frame, geom, d.cx, d.cy, d.cause === CAUSE_VOID ? KILLED : DIE);
  }
  for (const v of voids) {
    const x = frame.x(v.xMm * 1000);
    const y = frame.y(v.yMm * 1000);
    const r = Math.max(MIN_RADIUS_PX, (v.diameterUm / 2) * frame.scale);
    if (v.detected) c.fillCircle(x, y, r, COLOURS[v.cause]);
    else c.strokeCircle(x, y, r, COLOURS[v.cause]);
  }
  const top = TITLE_H + MAP + 12;
  let x = PAD;
  x = legendSwatch(c, x, top, COLOURS.particle, 'particle void');
  x = legendSwatch(c, x, top, COLOURS.edge, 'edge void');
  x = legendSwatch(c, x, top, COLOURS.fault, 'fault void');
  legendSwatch(c, x, top, KILLED, 'die killed by a void');
  c.text(PAD, top + 26, 'filled: found by the infrared scan; hollow: below its threshold', [80, 80, 80, 255]);
  return c;
}
